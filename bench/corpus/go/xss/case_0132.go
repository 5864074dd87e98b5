package main

import (
	"log"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"
)

func handle(c *gin.Context) {
	param := c.DefaultQuery("page", "")
	lookup := map[string]string{"keyA": "2", "keyB": param}
	bar := lookup["keyB"]
	page, err := strconv.Atoi(bar)
	if err != nil {
		c.String(http.StatusBadRequest, "invalid input")
		return
	}
	c.Header("Content-Type", "text/html; charset=utf-8")
	c.Writer.WriteString(`<a href="/items?page=` + strconv.Itoa(page) + `">Next page</a>`)
}

func main() {
	router := gin.Default()
	router.GET("/api/case_0132", handle)
	log.Fatal(router.Run(":8080"))
}
