package main

import (
	"log"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/gin-gonic/gin"
)

const baseDir = "/srv/app/files"

func handle(c *gin.Context) {
	param, err := c.Cookie("file")
	if err != nil {
		c.String(http.StatusBadRequest, "invalid input")
		return
	}
	bar := strings.TrimSpace(param)
	content, err := os.ReadFile(filepath.Join(baseDir, filepath.Base(bar)))
	if err != nil {
		c.String(http.StatusInternalServerError, "internal error")
		return
	}
	c.JSON(http.StatusOK, gin.H{"result": string(content)})
}

func main() {
	router := gin.Default()
	router.GET("/api/case_0069", handle)
	log.Fatal(router.Run(":8080"))
}
