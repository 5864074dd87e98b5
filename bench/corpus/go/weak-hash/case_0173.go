package main

import (
	"crypto/md5"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"io"
	"log"
	"net/http"
	"os"
)

func handle(w http.ResponseWriter, r *http.Request) {
	signature := r.Header.Get("X-Signature")
	payload, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	sum := md5.Sum(append([]byte(os.Getenv("WEBHOOK_SECRET")), payload...))
	expected := hex.EncodeToString(sum[:])
	if subtle.ConstantTimeCompare([]byte(signature), []byte(expected)) != 1 {
		http.Error(w, "invalid input", http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"result": "ok"})
}

func main() {
	http.HandleFunc("POST /api/case_0173", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
