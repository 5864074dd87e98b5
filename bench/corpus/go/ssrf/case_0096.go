package main

import (
	"log"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

func handle(c *gin.Context) {
	param := c.DefaultQuery("callback", "")
	lookup := map[string]string{"keyA": "https://api.example.com/hooks/ping", "keyB": param}
	bar := lookup["keyB"]
	resp, err := http.Post(bar, "application/json", strings.NewReader(`{"event":"ping"}`))
	if err != nil {
		c.String(http.StatusInternalServerError, "internal error")
		return
	}
	defer resp.Body.Close()
	c.JSON(http.StatusOK, gin.H{"result": resp.StatusCode})
}

func main() {
	router := gin.Default()
	router.GET("/api/case_0096", handle)
	log.Fatal(router.Run(":8080"))
}
