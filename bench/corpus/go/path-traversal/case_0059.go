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
	param := c.Param("file")
	lookup := map[string]string{"keyA": "report.txt", "keyB": param}
	bar := lookup["keyB"]
	content, err := os.ReadFile(filepath.Join(baseDir, bar))
	if err != nil {
		c.String(http.StatusInternalServerError, "internal error")
		return
	}
	c.JSON(http.StatusOK, gin.H{"result": string(content)})
}

func main() {
	router := gin.Default()
	router.GET("/api/case_0059/:file", handle)
	log.Fatal(router.Run(":8080"))
}
