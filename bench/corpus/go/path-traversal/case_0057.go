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
	cookie, err := r.Cookie("file")
	if err != nil {
		http.Error(w, "invalid input", http.StatusBadRequest)
		return
	}
	param := cookie.Value
	values := []string{"safe", param, "old-report.txt"}
	values = values[1:]
	bar := values[1]
	if err := os.Remove(filepath.Join(baseDir, bar)); err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"result": "deleted"})
}

func main() {
	http.HandleFunc("GET /api/case_0057", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
