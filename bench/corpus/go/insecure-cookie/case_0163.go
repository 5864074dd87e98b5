package main

import (
	"crypto/rand"
	"encoding/hex"
	"log"
	"net/http"

	"github.com/gin-gonic/gin"
)

func newToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}

// authenticate and saveSession stand for the application's user store.
func authenticate(username, password string) (string, bool) {
	return "u-" + username, password != ""
}

func saveSession(token, userID string) {}

func handle(c *gin.Context) {
	userID, ok := authenticate(c.PostForm("username"), c.PostForm("password"))
	if !ok {
		c.String(http.StatusBadRequest, "invalid input")
		return
	}
	token := newToken()
	saveSession(token, userID)
	c.SetSameSite(http.SameSiteStrictMode)
	c.SetCookie("sid", token, 3600, "/", "", true, true)
	c.JSON(http.StatusOK, gin.H{"result": "ok"})
}

func main() {
	router := gin.Default()
	router.POST("/api/case_0163", handle)
	log.Fatal(router.Run(":8080"))
}
