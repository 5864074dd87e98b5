package main

import (
	"context"
	"log"
	"net/http"
	"os/exec"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
)

func handle(c *gin.Context) {
	param, err := c.Cookie("host")
	if err != nil {
		c.String(http.StatusBadRequest, "invalid input")
		return
	}
	bar := strings.TrimSpace(param)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "sh", "-c", "dig +short "+bar).Output()
	if err != nil {
		c.String(http.StatusInternalServerError, "internal error")
		return
	}
	c.JSON(http.StatusOK, gin.H{"result": string(out)})
}

func main() {
	router := gin.Default()
	router.GET("/api/case_0022", handle)
	log.Fatal(router.Run(":8080"))
}
