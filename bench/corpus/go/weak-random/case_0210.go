package main

import (
	"encoding/json"
	"log"
	"math/rand"
	"net/http"
)

// saveSession stands for the application's session store.
func saveSession(token, userID string) {}

func handle(w http.ResponseWriter, r *http.Request) {
	variant := "classic"
	if rand.Float64() < 0.1 {
		variant = "new-layout"
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"result": variant})
}

func main() {
	http.HandleFunc("GET /api/case_0210", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
