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
	param := c.PostForm("next")
	bar := normalize(param)
	c.Redirect(http.StatusFound, bar)
}

func main() {
	router := gin.Default()
	router.POST("/api/case_0102", handle)
	log.Fatal(router.Run(":8080"))
}
