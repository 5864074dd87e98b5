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
	user := r.URL.Query().Get("user")
	sum := sha1.Sum([]byte(os.Getenv("TOKEN_SECRET") + ":" + user))
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"result": hex.EncodeToString(sum[:])})
}

func main() {
	http.HandleFunc("GET /api/case_0187", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
