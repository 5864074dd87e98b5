package main

import (
	"log"
	"net/http"

	"github.com/gin-gonic/gin"
)

func handle(c *gin.Context) {
	param := c.GetHeader("X-Name")
	num := 106
	bar := param
	if (7*18)+num > 200 {
		bar = "guest"
	}
	c.Data(http.StatusOK, "text/html; charset=utf-8", []byte("<h1>Hello "+bar+"</h1>"))
}

func main() {
	router := gin.Default()
	router.GET("/api/case_0128", handle)
	log.Fatal(router.Run(":8080"))
}
