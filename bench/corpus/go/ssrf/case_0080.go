package main

import (
	"encoding/json"
	"log"
	"net/http"
	"strings"
)

func handle(w http.ResponseWriter, r *http.Request) {
	param := r.Header.Get("X-Callback")
	num := 106
	bar := param
	if (7*18)+num > 200 {
		bar = "https://api.example.com/hooks/ping"
	}
	resp, err := http.Post(bar, "application/json", strings.NewReader(`{"event":"ping"}`))
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	defer resp.Body.Close()
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"result": resp.StatusCode})
}

func main() {
	http.HandleFunc("GET /api/case_0080", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
