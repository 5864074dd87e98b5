package main

import (
	"database/sql"
	"encoding/json"
	"fmt"
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
	param := r.FormValue("name")
	bar := strings.TrimSpace(param)
	var email string
	if err := db.QueryRow(fmt.Sprintf("SELECT email FROM users WHERE username = '%s'", bar)).Scan(&email); err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"result": email})
}

func main() {
	http.HandleFunc("POST /api/case_0027", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
