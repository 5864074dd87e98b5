package main

import (
	"encoding/json"
	"log"
	"net/http"
)

func handle(w http.ResponseWriter, r *http.Request) {
	param := r.URL.Query().Get("url")
	bar := param
	resp, err := http.Get(bar)
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	defer resp.Body.Close()
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"result": resp.StatusCode})
}

func main() {
	http.HandleFunc("GET /api/case_0073", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
