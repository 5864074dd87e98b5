package main

import (
	"database/sql"
	"encoding/json"
	"log"
	"net/http"
	"strings"

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
	param := r.PostFormValue("name")
	var sb strings.Builder
	sb.WriteString(param)
	bar := sb.String()
	rows, err := db.Query("SELECT id, name, price FROM products WHERE name = '" + bar + "'")
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
	http.HandleFunc("POST /api/case_0042", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
