package main

import (
	"fmt"
	"log"
	"net/http"

	"github.com/gin-gonic/gin"
)

func handle(c *gin.Context) {
	param := c.GetHeader("X-Host")
	bar := "inventory.internal"
	bar = param
	resp, err := http.Get(fmt.Sprintf("http://%s/api/stock", bar))
	if err != nil {
		c.String(http.StatusInternalServerError, "internal error")
		return
	}
	defer resp.Body.Close()
	c.JSON(http.StatusOK, gin.H{"result": resp.StatusCode})
}

func main() {
	router := gin.Default()
	router.GET("/api/case_0091", handle)
	log.Fatal(router.Run(":8080"))
}
