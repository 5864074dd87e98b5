package main

import (
	"log"
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
	c.File(filepath.Join(baseDir, bar))
}

func main() {
	router := gin.Default()
	router.POST("/api/case_0065", handle)
	log.Fatal(router.Run(":8080"))
}
