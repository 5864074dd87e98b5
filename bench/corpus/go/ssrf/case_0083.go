package main

import (
	"fmt"
	"log"
	"net/http"

	"github.com/gin-gonic/gin"
)

var services = map[string]string{"inventory": "inventory.internal", "pricing": "pricing.internal"}

func handle(c *gin.Context) {
	param := c.Param("host")
	lookup := map[string]string{"keyA": "inventory.internal", "keyB": param}
	bar := lookup["keyB"]
	host, ok := services[bar]
	if !ok {
		c.String(http.StatusBadRequest, "invalid input")
		return
	}
	resp, err := http.Get(fmt.Sprintf("http://%s/api/stock", host))
	if err != nil {
		c.String(http.StatusInternalServerError, "internal error")
		return
	}
	defer resp.Body.Close()
	c.JSON(http.StatusOK, gin.H{"result": resp.StatusCode})
}

func main() {
	router := gin.Default()
	router.GET("/api/case_0083/:host", handle)
	log.Fatal(router.Run(":8080"))
}
