package main

import (
	"log"
	"math/rand"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"
)

// saveSession stands for the application's session store.
func saveSession(token, userID string) {}

func handle(c *gin.Context) {
	userID := c.PostForm("user")
	token := strconv.FormatUint(rand.Uint64(), 36)
	saveSession(token, userID)
	c.JSON(http.StatusOK, gin.H{"result": "ok"})
}

func main() {
	router := gin.Default()
	router.POST("/api/case_0214", handle)
	log.Fatal(router.Run(":8080"))
}
