package main

import (
	"crypto/md5"
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
	pin := r.FormValue("pin")
	sum := md5.Sum([]byte(pin))
	createUser(username, hex.EncodeToString(sum[:]))
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"result": "ok"})
}

func main() {
	http.HandleFunc("POST /api/case_0185", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
