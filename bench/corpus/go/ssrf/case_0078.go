package main

import (
	"context"
	"log"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

func normalize(value string) string {
	return strings.Join(strings.Fields(value), " ")
}

func handle(c *gin.Context) {
	param := c.Query("url")
	bar := normalize(param)
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
	router.GET("/api/case_0078", handle)
	log.Fatal(router.Run(":8080"))
}
