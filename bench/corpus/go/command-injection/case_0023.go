package main

import (
	"log"
	"net/http"
	"os/exec"
	"strconv"

	"github.com/gin-gonic/gin"
)

func handle(c *gin.Context) {
	param := c.DefaultQuery("count", "")
	lookup := map[string]string{"keyA": "3", "keyB": param}
	bar := lookup["keyB"]
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
	router.GET("/api/case_0023", handle)
	log.Fatal(router.Run(":8080"))
}
