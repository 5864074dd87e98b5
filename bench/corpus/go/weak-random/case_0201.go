package main

import (
	"encoding/json"
	"fmt"
	"log"
	"math/rand"
	"net/http"
)

// saveSession stands for the application's session store.
func saveSession(token, userID string) {}

func handle(w http.ResponseWriter, r *http.Request) {
	userID := r.FormValue("user")
	token := fmt.Sprintf("%x", rand.Uint64())
	saveSession(token, userID)
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"result": "ok"})
}

func main() {
	http.HandleFunc("POST /api/case_0201", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
