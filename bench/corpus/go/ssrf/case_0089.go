package main

import (
	"encoding/json"
	"log"
	"net/http"
	"net/url"
	"strings"
)

func handle(w http.ResponseWriter, r *http.Request) {
	param := r.PostFormValue("url")
	var sb strings.Builder
	sb.WriteString(param)
	bar := sb.String()
	resp, err := http.Get("https://status.example.com/api/services/" + url.PathEscape(bar))
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	defer resp.Body.Close()
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"result": resp.StatusCode})
}

func main() {
	http.HandleFunc("POST /api/case_0089", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
