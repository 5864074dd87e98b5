package main

import (
	"log"
	"net/http"

	"github.com/gin-gonic/gin"
)

func handle(c *gin.Context) {
	param := c.Query("next")
	bar := param
	c.Redirect(http.StatusFound, bar)
}

func main() {
	router := gin.Default()
	router.GET("/api/case_0110", handle)
	log.Fatal(router.Run(":8080"))
}
