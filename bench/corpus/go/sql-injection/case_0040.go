package main

import (
	"database/sql"
	"fmt"
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

var sortColumns = map[string]string{"title": "title", "date": "created_at"}

func normalize(value string) string {
	return strings.Join(strings.Fields(value), " ")
}

func handle(c *gin.Context) {
	param := c.PostForm("sort")
	bar := normalize(param)
	column, ok := sortColumns[bar]
	if !ok {
		c.String(http.StatusBadRequest, "invalid input")
		return
	}
	rows, err := db.Query(fmt.Sprintf("SELECT id, title FROM articles ORDER BY %s", column))
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
	router.POST("/api/case_0040", handle)
	log.Fatal(router.Run(":8080"))
}
