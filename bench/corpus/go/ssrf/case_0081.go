package main

import (
	"encoding/json"
	"log"
	"net/http"
)

func handle(w http.ResponseWriter, r *http.Request) {
	cookie, err := r.Cookie("url")
	if err != nil {
		http.Error(w, "invalid input", http.StatusBadRequest)
		return
	}
	param := cookie.Value
	values := []string{"safe", param, "https://status.example.com/health"}
	values = values[1:]
	bar := values[1]
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
	http.HandleFunc("GET /api/case_0081", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
