package main

import (
	"crypto/rand"
	"encoding/json"
	"log"
	"math/big"
	"net/http"
	"strconv"
)

// saveSession stands for the application's session store.
func saveSession(token, userID string) {}

func handle(w http.ResponseWriter, r *http.Request) {
	userID := r.FormValue("user")
	n, err := rand.Int(rand.Reader, big.NewInt(900000))
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	token := strconv.FormatInt(100000+n.Int64(), 10)
	saveSession(token, userID)
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"result": "ok"})
}

func main() {
	http.HandleFunc("POST /api/case_0195", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
