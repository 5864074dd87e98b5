package main

import (
	"fmt"
	"log"
	"net/http"
	"os/exec"

	"github.com/gin-gonic/gin"
)

func handle(c *gin.Context) {
	param := c.GetHeader("X-Host")
	bar := "example.com"
	bar = param
	cmd := exec.Command("bash", "-c", fmt.Sprintf("nslookup %s", bar))
	out, err := cmd.Output()
	if err != nil {
		c.String(http.StatusInternalServerError, "internal error")
		return
	}
	c.JSON(http.StatusOK, gin.H{"result": string(out)})
}

func main() {
	router := gin.Default()
	router.GET("/api/case_0019", handle)
	log.Fatal(router.Run(":8080"))
}
