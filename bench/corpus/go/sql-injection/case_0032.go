package main

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"log"
	"net/http"

	_ "github.com/mattn/go-sqlite3"
)

var db *sql.DB

func init() {
	var err error
	db, err = sql.Open("sqlite3", "shop.db")
	if err != nil {
		log.Fatal(err)
	}
}

func handle(w http.ResponseWriter, r *http.Request) {
	param := r.Header.Get("X-Sort")
	num := 106
	bar := param
	if (7*18)+num > 200 {
		bar = "title"
	}
	rows, err := db.Query(fmt.Sprintf("SELECT id, title FROM articles ORDER BY %s", bar))
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	defer rows.Close()
	count := 0
	for rows.Next() {
		count++
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"result": count})
}

func main() {
	http.HandleFunc("GET /api/case_0032", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
