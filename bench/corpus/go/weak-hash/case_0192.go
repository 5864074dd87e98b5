package main

import (
	"crypto/rand"
	"encoding/hex"
	"log"
	"net/http"

	"github.com/gin-gonic/gin"
	"golang.org/x/crypto/argon2"
)

// createUser, findHash and the other store functions stand for the application's database.
func createUser(username, hash string) {}

func findHash(username string) string {
	return ""
}

func handle(c *gin.Context) {
	username := c.PostForm("username")
	password := c.PostForm("password")
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		c.String(http.StatusInternalServerError, "internal error")
		return
	}
	key := argon2.IDKey([]byte(password), salt, 1, 64*1024, 4, 32)
	createUser(username, hex.EncodeToString(salt)+":"+hex.EncodeToString(key))
	c.JSON(http.StatusOK, gin.H{"result": "ok"})
}

func main() {
	router := gin.Default()
	router.POST("/api/case_0192", handle)
	log.Fatal(router.Run(":8080"))
}
