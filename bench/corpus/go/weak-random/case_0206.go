package main

import (
	"encoding/json"
	"log"
	"math/rand"
	"net/http"
)

// saveSession stands for the application's session store.
func saveSession(token, userID string) {}

const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789"

func handle(w http.ResponseWriter, r *http.Request) {
	userID := r.FormValue("user")
	token := make([]byte, 12)
	for i := range token {
		token[i] = alphabet[rand.Intn(len(alphabet))]
	}
	saveSession(string(token), userID)
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"result": "ok"})
}

func main() {
	http.HandleFunc("POST /api/case_0206", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
