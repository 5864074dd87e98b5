package main

import (
	"log"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"
)

var allowedHosts = map[string]bool{"status.example.com": true, "api.example.com": true}

func handle(c *gin.Context) {
	param := c.DefaultQuery("callback", "")
	lookup := map[string]string{"keyA": "https://api.example.com/hooks/ping", "keyB": param}
	bar := lookup["keyB"]
	target, err := url.Parse(bar)
	if err != nil || target.Scheme != "https" || !allowedHosts[target.Hostname()] {
		c.String(http.StatusBadRequest, "invalid input")
		return
	}
	resp, err := http.Post(target.String(), "application/json", strings.NewReader(`{"event":"ping"}`))
	if err != nil {
		c.String(http.StatusInternalServerError, "internal error")
		return
	}
	defer resp.Body.Close()
	c.JSON(http.StatusOK, gin.H{"result": resp.StatusCode})
}

func main() {
	router := gin.Default()
	router.GET("/api/case_0095", handle)
	log.Fatal(router.Run(":8080"))
}
