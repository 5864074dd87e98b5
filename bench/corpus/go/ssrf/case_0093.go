package main

import (
	"context"
	"log"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

func handle(c *gin.Context) {
	param, err := c.Cookie("url")
	if err != nil {
		c.String(http.StatusBadRequest, "invalid input")
		return
	}
	bar := strings.TrimSpace(param)
	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, bar, nil)
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
	router.GET("/api/case_0093", handle)
	log.Fatal(router.Run(":8080"))
}
