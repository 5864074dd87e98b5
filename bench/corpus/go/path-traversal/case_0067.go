package main

import (
	"log"
	"net/http"
	"os"
	"path/filepath"

	"github.com/gin-gonic/gin"
)

const baseDir = "/srv/app/files"

func handle(c *gin.Context) {
	param := c.GetHeader("X-File")
	bar := "old-report.txt"
	bar = param
	if err := os.Remove(filepath.Join(baseDir, bar)); err != nil {
		c.String(http.StatusInternalServerError, "internal error")
		return
	}
	c.JSON(http.StatusOK, gin.H{"result": "deleted"})
}

func main() {
	router := gin.Default()
	router.GET("/api/case_0067", handle)
	log.Fatal(router.Run(":8080"))
}
