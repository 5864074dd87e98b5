package main

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"log"
	"net/http"
)

// saveSession stands for the application's session store.
func saveSession(token, userID string) {}

func handle(w http.ResponseWriter, r *http.Request) {
	userID := r.FormValue("user")
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	token := base64.RawURLEncoding.EncodeToString(b)
	saveSession(token, userID)
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"result": "ok"})
}

func main() {
	http.HandleFunc("POST /api/case_0202", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
