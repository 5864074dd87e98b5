package main

import (
	"log"
	"net/http"
	"os/exec"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
)

func normalize(value string) string {
	return strings.Join(strings.Fields(value), " ")
}

func handle(c *gin.Context) {
	param := c.PostForm("count")
	bar := normalize(param)
	count, err := strconv.Atoi(bar)
	if err != nil {
		c.String(http.StatusBadRequest, "invalid input")
		return
	}
	out, err := exec.Command("sh", "-c", "ping -c "+strconv.Itoa(count)+" 127.0.0.1").Output()
	if err != nil {
		c.String(http.StatusInternalServerError, "internal error")
		return
	}
	c.JSON(http.StatusOK, gin.H{"result": string(out)})
}

func main() {
	router := gin.Default()
	router.POST("/api/case_0015", handle)
	log.Fatal(router.Run(":8080"))
}
