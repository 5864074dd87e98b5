package main

import (
	"context"
	"encoding/json"
	"log"
	"net/http"
)

func handle(w http.ResponseWriter, r *http.Request) {
	param := r.PathValue("url")
	bar := param
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
	http.HandleFunc("GET /api/case_0085/{url}", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
