package main

import (
	"crypto/rand"
	"encoding/json"
	"log"
	"math/big"
	"net/http"
)

// saveSession stands for the application's session store.
func saveSession(token, userID string) {}

const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789"

func handle(w http.ResponseWriter, r *http.Request) {
	userID := r.FormValue("user")
	token := make([]byte, 12)
	for i := range token {
		n, err := rand.Int(rand.Reader, big.NewInt(int64(len(alphabet))))
		if err != nil {
			http.Error(w, "internal error", http.StatusInternalServerError)
			return
		}
		token[i] = alphabet[n.Int64()]
	}
	saveSession(string(token), userID)
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"result": "ok"})
}

func main() {
	http.HandleFunc("POST /api/case_0205", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
