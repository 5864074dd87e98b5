package main

import (
	"encoding/json"
	"log"
	"math/rand"
	"net/http"
	"time"
)

// saveSession stands for the application's session store.
func saveSession(token, userID string) {}

func handle(w http.ResponseWriter, r *http.Request) {
	userID := r.FormValue("user")
	delay := 500*time.Millisecond + time.Duration(rand.Intn(250))*time.Millisecond
	time.AfterFunc(delay, func() { saveSession("welcome-mail", userID) })
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"result": "ok"})
}

func main() {
	http.HandleFunc("POST /api/case_0207", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
