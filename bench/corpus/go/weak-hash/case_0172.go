package main

import (
	"encoding/json"
	"log"
	"net/http"

	"golang.org/x/crypto/bcrypt"
)

// createUser, findHash and the other store functions stand for the application's database.
func createUser(username, hash string) {}

func findHash(username string) string {
	return ""
}

func handle(w http.ResponseWriter, r *http.Request) {
	username := r.FormValue("username")
	password := r.FormValue("password")
	if bcrypt.CompareHashAndPassword([]byte(findHash(username)), []byte(password)) != nil {
		http.Error(w, "invalid input", http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"result": "ok"})
}

func main() {
	http.HandleFunc("POST /api/case_0172", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
