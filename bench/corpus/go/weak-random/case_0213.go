package main

import (
	"crypto/rand"
	"encoding/hex"
	"log"
	"net/http"

	"github.com/gin-gonic/gin"
)

// saveSession stands for the application's session store.
func saveSession(token, userID string) {}

func handle(c *gin.Context) {
	userID := c.PostForm("user")
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		c.String(http.StatusInternalServerError, "internal error")
		return
	}
	token := hex.EncodeToString(b)
	saveSession(token, userID)
	c.JSON(http.StatusOK, gin.H{"result": "ok"})
}

func main() {
	router := gin.Default()
	router.POST("/api/case_0213", handle)
	log.Fatal(router.Run(":8080"))
}
