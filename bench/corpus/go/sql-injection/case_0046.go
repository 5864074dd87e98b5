package main

import (
	"database/sql"
	"log"
	"net/http"
	"strings"

	_ "github.com/mattn/go-sqlite3"
	"github.com/gin-gonic/gin"
)

var db *sql.DB

func init() {
	var err error
	db, err = sql.Open("sqlite3", "shop.db")
	if err != nil {
		log.Fatal(err)
	}
}

func handle(c *gin.Context) {
	param, err := c.Cookie("user")
	if err != nil {
		c.String(http.StatusBadRequest, "invalid input")
		return
	}
	bar := strings.TrimSpace(param)
	if _, err := db.Exec("DELETE FROM sessions WHERE user_id = ?", bar); err != nil {
		c.String(http.StatusInternalServerError, "internal error")
		return
	}
	c.JSON(http.StatusOK, gin.H{"result": "deleted"})
}

func main() {
	router := gin.Default()
	router.GET("/api/case_0046", handle)
	log.Fatal(router.Run(":8080"))
}
