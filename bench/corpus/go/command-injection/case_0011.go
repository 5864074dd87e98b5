package main

import (
	"fmt"
	"log"
	"net/http"
	"os/exec"

	"github.com/gin-gonic/gin"
)

func handle(c *gin.Context) {
	param := c.Param("host")
	lookup := map[string]string{"keyA": "example.com", "keyB": param}
	bar := lookup["keyB"]
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
	router.GET("/api/case_0011/:host", handle)
	log.Fatal(router.Run(":8080"))
}
