package main

import (
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"log"
	"net/http"
	"os"
)

func handle(w http.ResponseWriter, r *http.Request) {
	content, err := os.ReadFile("reports/q3.pdf")
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	sum := sha1.Sum(content)
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"result": "/blobs/" + hex.EncodeToString(sum[:])})
}

func main() {
	http.HandleFunc("GET /api/case_0188", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
