package main

import (
	"log"

	"github.com/gin-gonic/gin"
)

func handle(c *gin.Context) {
	param := c.Query("page")
	lookup := map[string]string{"keyA": "2", "keyB": param}
	bar := lookup["keyB"]
	c.Header("Content-Type", "text/html; charset=utf-8")
	c.Writer.WriteString(`<a href="/items?page=` + bar + `">Next page</a>`)
}

func main() {
	router := gin.Default()
	router.GET("/api/case_0144", handle)
	log.Fatal(router.Run(":8080"))
}
