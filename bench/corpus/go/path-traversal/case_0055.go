package main

import (
	"log"
	"path/filepath"

	"github.com/gin-gonic/gin"
)

const baseDir = "/srv/app/files"

func handle(c *gin.Context) {
	param := c.GetHeader("X-File")
	num := 106
	bar := param
	if (7*18)+num > 200 {
		bar = "report.txt"
	}
	c.File(filepath.Join(baseDir, bar))
}

func main() {
	router := gin.Default()
	router.GET("/api/case_0055", handle)
	log.Fatal(router.Run(":8080"))
}
