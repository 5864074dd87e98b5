package main

import (
	"log"
	"net/http"
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
	c.Redirect(http.StatusFound, bar)
}

func main() {
	router := gin.Default()
	router.GET("/api/case_0118", handle)
	log.Fatal(router.Run(":8080"))
}
