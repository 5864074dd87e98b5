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
	param := c.Param("file")
	lookup := map[string]string{"keyA": "report.txt", "keyB": param}
	bar := lookup["keyB"]
	target := filepath.Join(baseDir, bar)
	if !strings.HasPrefix(target, baseDir+string(os.PathSeparator)) {
		c.String(http.StatusBadRequest, "invalid input")
		return
	}
	content, err := os.ReadFile(target)
	if err != nil {
		c.String(http.StatusInternalServerError, "internal error")
		return
	}
	c.JSON(http.StatusOK, gin.H{"result": string(content)})
}

func main() {
	router := gin.Default()
	router.GET("/api/case_0060/:file", handle)
	log.Fatal(router.Run(":8080"))
}
