package main

import (
	"crypto/md5"
	"encoding/hex"
	"log"
	"net/http"

	"github.com/gin-gonic/gin"
)

// createUser, findHash and the other store functions stand for the application's database.
func createUser(username, hash string) {}

func findHash(username string) string {
	return ""
}

func handle(c *gin.Context) {
	username := c.PostForm("username")
	password := c.PostForm("password")
	sum := md5.Sum([]byte(password))
	createUser(username, hex.EncodeToString(sum[:]))
	c.JSON(http.StatusOK, gin.H{"result": "ok"})
}

func main() {
	router := gin.Default()
	router.POST("/api/case_0191", handle)
	log.Fatal(router.Run(":8080"))
}
