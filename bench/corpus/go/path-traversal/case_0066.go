package main

import (
	"log"
	"net/http"
	"path/filepath"
	"strings"

	"github.com/gin-gonic/gin"
)

const baseDir = "/srv/app/files"

func handle(c *gin.Context) {
	param := c.PostForm("file")
	var sb strings.Builder
	sb.WriteString(param)
	bar := sb.String()
	if !filepath.IsLocal(bar) {
		c.String(http.StatusBadRequest, "invalid input")
		return
	}
	c.File(filepath.Join(baseDir, bar))
}

func main() {
	router := gin.Default()
	router.POST("/api/case_0066", handle)
	log.Fatal(router.Run(":8080"))
}
