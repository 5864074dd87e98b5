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
	if (7*42)-num > 200 {
		bar = "This should never happen"
	}
	c.Data(http.StatusOK, "text/html; charset=utf-8", []byte("<h1>Hello "+bar+"</h1>"))
}

func main() {
	router := gin.Default()
	router.GET("/api/case_0127", handle)
	log.Fatal(router.Run(":8080"))
}
