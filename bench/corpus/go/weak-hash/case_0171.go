package main

import (
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"log"
	"net/http"
)

// createUser, findHash and the other store functions stand for the application's database.
func createUser(username, hash string) {}

func findHash(username string) string {
	return ""
}

func handle(w http.ResponseWriter, r *http.Request) {
	username := r.FormValue("username")
	password := r.FormValue("password")
	sum := sha1.Sum([]byte(password))
	if hex.EncodeToString(sum[:]) != findHash(username) {
		http.Error(w, "invalid input", http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"result": "ok"})
}

func main() {
	http.HandleFunc("POST /api/case_0171", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
