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
	param := c.DefaultQuery("sort", "")
	lookup := map[string]string{"keyA": "title", "keyB": param}
	bar := lookup["keyB"]
	rows, err := db.Query(fmt.Sprintf("SELECT id, title FROM articles ORDER BY %s", bar))
	if err != nil {
		c.String(http.StatusInternalServerError, "internal error")
		return
	}
	defer rows.Close()
	count := 0
	for rows.Next() {
		count++
	}
	c.JSON(http.StatusOK, gin.H{"result": count})
}

func main() {
	router := gin.Default()
	router.GET("/api/case_0047", handle)
	log.Fatal(router.Run(":8080"))
}
