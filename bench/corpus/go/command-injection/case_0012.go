package main

import (
	"fmt"
	"log"
	"net/http"
	"os/exec"
	"regexp"

	"github.com/gin-gonic/gin"
)

var hostPattern = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9.-]{0,252}$`)

func handle(c *gin.Context) {
	param := c.Param("host")
	lookup := map[string]string{"keyA": "example.com", "keyB": param}
	bar := lookup["keyB"]
	if !hostPattern.MatchString(bar) {
		c.String(http.StatusBadRequest, "invalid input")
		return
	}
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
	router.GET("/api/case_0012/:host", handle)
	log.Fatal(router.Run(":8080"))
}
