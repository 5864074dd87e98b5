package main

import (
	"io"
	"log"
	"net/http"
	"os"

	"github.com/gin-gonic/gin"
)

const baseDir = "/srv/app/files"

var publicFiles = map[string]bool{"report.txt": true, "summary.txt": true}

func handle(c *gin.Context) {
	param := c.DefaultQuery("file", "")
	lookup := map[string]string{"keyA": "report.txt", "keyB": param}
	bar := lookup["keyB"]
	if !publicFiles[bar] {
		c.String(http.StatusBadRequest, "invalid input")
		return
	}
	f, err := os.Open(baseDir + "/" + bar)
	if err != nil {
		c.String(http.StatusInternalServerError, "internal error")
		return
	}
	defer f.Close()
	content, err := io.ReadAll(f)
	if err != nil {
		c.String(http.StatusInternalServerError, "internal error")
		return
	}
	c.JSON(http.StatusOK, gin.H{"result": string(content)})
}

func main() {
	router := gin.Default()
	router.GET("/api/case_0072", handle)
	log.Fatal(router.Run(":8080"))
}
