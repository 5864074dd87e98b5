package main

import (
	"database/sql"
	"fmt"
	"log"
	"net/http"

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
	param := c.Param("name")
	lookup := map[string]string{"keyA": "alice", "keyB": param}
	bar := lookup["keyB"]
	var email string
	if err := db.QueryRow(fmt.Sprintf("SELECT email FROM users WHERE username = '%s'", bar)).Scan(&email); err != nil {
		c.String(http.StatusInternalServerError, "internal error")
		return
	}
	c.JSON(http.StatusOK, gin.H{"result": email})
}

func main() {
	router := gin.Default()
	router.GET("/api/case_0036/:name", handle)
	log.Fatal(router.Run(":8080"))
}
