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
	tips := []string{"Use keyboard shortcuts", "Pin your projects", "Try dark mode"}
	rand.Shuffle(len(tips), func(i, j int) { tips[i], tips[j] = tips[j], tips[i] })
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"result": tips})
}

func main() {
	http.HandleFunc("POST /api/case_0211", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
