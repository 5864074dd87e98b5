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
	codes := make([]string, 8)
	for i := range codes {
		codes[i] = fmt.Sprintf("%010d", rand.Int63n(10000000000))
		saveSession(codes[i], userID)
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"result": codes})
}

func main() {
	http.HandleFunc("POST /api/case_0212", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
