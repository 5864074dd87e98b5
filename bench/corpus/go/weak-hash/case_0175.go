package main

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"log"
	"net/http"

	"golang.org/x/crypto/pbkdf2"
)

// createUser, findHash and the other store functions stand for the application's database.
func createUser(username, hash string) {}

func findHash(username string) string {
	return ""
}

func handle(w http.ResponseWriter, r *http.Request) {
	username := r.FormValue("username")
	password := r.FormValue("password")
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	key := pbkdf2.Key([]byte(password), salt, 600000, 32, sha256.New)
	createUser(username, hex.EncodeToString(salt)+":"+hex.EncodeToString(key))
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"result": "ok"})
}

func main() {
	http.HandleFunc("POST /api/case_0175", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
