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

func normalize(value string) string {
	return strings.Join(strings.Fields(value), " ")
}

func handle(c *gin.Context) {
	param := c.Query("user")
	bar := normalize(param)
	if _, err := db.Exec("DELETE FROM sessions WHERE user_id = " + bar); err != nil {
		c.String(http.StatusInternalServerError, "internal error")
		return
	}
	c.JSON(http.StatusOK, gin.H{"result": "deleted"})
}

func main() {
	router := gin.Default()
	router.GET("/api/case_0030", handle)
	log.Fatal(router.Run(":8080"))
}
