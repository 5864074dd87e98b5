package main

import (
	"log"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

var allowedPaths = map[string]bool{"/dashboard": true, "/account": true, "/orders": true}

func normalize(value string) string {
	return strings.Join(strings.Fields(value), " ")
}

func handle(c *gin.Context) {
	param := c.PostForm("next")
	bar := normalize(param)
	if !allowedPaths[bar] {
		c.String(http.StatusBadRequest, "invalid input")
		return
	}
	c.Redirect(http.StatusFound, bar)
}

func main() {
	router := gin.Default()
	router.POST("/api/case_0101", handle)
	log.Fatal(router.Run(":8080"))
}
