package main

import (
	"encoding/json"
	"fmt"
	"log"
	"math/rand"
	"net/http"
	"time"
)

// saveSession stands for the application's session store.
func saveSession(token, userID string) {}

func handle(w http.ResponseWriter, r *http.Request) {
	userID := r.FormValue("user")
	rand.Seed(time.Now().Unix())
	token := fmt.Sprintf("%x%x", rand.Int63(), rand.Int63())
	saveSession(token, userID)
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"result": "ok"})
}

func main() {
	http.HandleFunc("POST /api/case_0215", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
