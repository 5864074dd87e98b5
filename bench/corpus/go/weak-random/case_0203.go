package main

import (
	"fmt"
	"log"
	"math/rand"
	"net/http"

	"github.com/gin-gonic/gin"
)

// saveSession stands for the application's session store.
func saveSession(token, userID string) {}

func handle(c *gin.Context) {
	userID := c.PostForm("user")
	token := fmt.Sprintf("%08X", rand.Uint32())
	saveSession(token, userID)
	c.JSON(http.StatusOK, gin.H{"result": "ok"})
}

func main() {
	router := gin.Default()
	router.POST("/api/case_0203", handle)
	log.Fatal(router.Run(":8080"))
}
