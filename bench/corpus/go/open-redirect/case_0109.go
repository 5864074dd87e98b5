package main

import (
	"log"
	"net/http"

	"github.com/gin-gonic/gin"
)

func handle(c *gin.Context) {
	param := c.Query("next")
	log.Printf("ignoring a client value of %d bytes", len(param))
	bar := "/dashboard"
	c.Redirect(http.StatusFound, bar)
}

func main() {
	router := gin.Default()
	router.GET("/api/case_0109", handle)
	log.Fatal(router.Run(":8080"))
}
