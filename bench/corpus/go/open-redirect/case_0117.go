package main

import (
	"log"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"
)

func handle(c *gin.Context) {
	param, err := c.Cookie("next")
	if err != nil {
		c.String(http.StatusBadRequest, "invalid input")
		return
	}
	bar := strings.TrimSpace(param)
	c.Redirect(http.StatusFound, "/login?next="+url.QueryEscape(bar))
}

func main() {
	router := gin.Default()
	router.GET("/api/case_0117", handle)
	log.Fatal(router.Run(":8080"))
}
