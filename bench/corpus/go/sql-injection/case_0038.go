package main

import (
	"database/sql"
	"encoding/json"
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
	param := r.PathValue("user")
	bar := param
	if _, err := db.Exec("DELETE FROM sessions WHERE user_id = " + bar); err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"result": "deleted"})
}

func main() {
	http.HandleFunc("GET /api/case_0038/{user}", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
