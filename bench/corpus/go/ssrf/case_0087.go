package main

import (
	"log"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

func normalize(value string) string {
	return strings.Join(strings.Fields(value), " ")
}

func handle(c *gin.Context) {
	param := c.PostForm("callback")
	bar := normalize(param)
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
	router.POST("/api/case_0087", handle)
	log.Fatal(router.Run(":8080"))
}
