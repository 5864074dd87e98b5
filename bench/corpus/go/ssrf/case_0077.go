package main

import (
	"context"
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
	param := c.Query("url")
	bar := normalize(param)
	target, err := url.Parse(bar)
	if err != nil || target.Scheme != "https" || !allowedHosts[target.Hostname()] {
		c.String(http.StatusBadRequest, "invalid input")
		return
	}
	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, target.String(), nil)
	if err != nil {
		c.String(http.StatusBadRequest, "invalid input")
		return
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.String(http.StatusInternalServerError, "internal error")
		return
	}
	defer resp.Body.Close()
	c.JSON(http.StatusOK, gin.H{"result": resp.StatusCode})
}

func main() {
	router := gin.Default()
	router.GET("/api/case_0077", handle)
	log.Fatal(router.Run(":8080"))
}
