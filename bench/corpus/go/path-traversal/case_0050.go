package main

import (
	"encoding/json"
	"log"
	"net/http"
	"os"
	"path/filepath"
)

const baseDir = "/srv/app/files"

func handle(w http.ResponseWriter, r *http.Request) {
	param := r.URL.Query().Get("file")
	bar := param
	content, err := os.ReadFile(filepath.Join(baseDir, bar))
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"result": string(content)})
}

func main() {
	http.HandleFunc("GET /api/case_0050", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
