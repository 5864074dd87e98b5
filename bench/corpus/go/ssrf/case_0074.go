package main

import (
	"encoding/json"
	"log"
	"net/http"
	"net/url"
)

var allowedHosts = map[string]bool{"status.example.com": true, "api.example.com": true}

func handle(w http.ResponseWriter, r *http.Request) {
	param := r.URL.Query().Get("url")
	bar := param
	target, err := url.Parse(bar)
	if err != nil || target.Scheme != "https" || !allowedHosts[target.Hostname()] {
		http.Error(w, "invalid input", http.StatusBadRequest)
		return
	}
	resp, err := http.Get(target.String())
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	defer resp.Body.Close()
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"result": resp.StatusCode})
}

func main() {
	http.HandleFunc("GET /api/case_0074", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
