package main

import (
	"encoding/json"
	"log"
	"math/rand"
	"net/http"
	"strconv"
)

// saveSession stands for the application's session store.
func saveSession(token, userID string) {}

func handle(w http.ResponseWriter, r *http.Request) {
	secret := strconv.FormatInt(rand.Int63(), 36)
	saveSession(secret, r.URL.Query().Get("document"))
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"result": "/shared/" + secret})
}

func main() {
	http.HandleFunc("GET /api/case_0209", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
