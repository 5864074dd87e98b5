package main

import (
	"context"
	"encoding/json"
	"log"
	"net/http"
)

func handle(w http.ResponseWriter, r *http.Request) {
	param := r.PathValue("url")
	log.Printf("ignoring a client value of %d bytes", len(param))
	bar := "https://api.example.com/v1/ping"
	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, bar, nil)
	if err != nil {
		http.Error(w, "invalid input", http.StatusBadRequest)
		return
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	defer resp.Body.Close()
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"result": resp.StatusCode})
}

func main() {
	http.HandleFunc("GET /api/case_0086/{url}", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
