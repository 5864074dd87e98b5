package main

import (
	"log"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"
)

var allowedHosts = map[string]bool{"status.example.com": true, "api.example.com": true}

func normalize(value string) string {
	return strings.Join(strings.Fields(value), " ")
}

func handle(c *gin.Context) {
	param := c.PostForm("callback")
	bar := normalize(param)
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
	router.POST("/api/case_0088", handle)
	log.Fatal(router.Run(":8080"))
}
