package main

import (
	"encoding/json"
	"io"
	"log"
	"net/http"
	"os"
)

const baseDir = "/srv/app/files"

func handle(w http.ResponseWriter, r *http.Request) {
	param := r.PathValue("file")
	bar := param
	f, err := os.Open(baseDir + "/" + bar)
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	defer f.Close()
	content, err := io.ReadAll(f)
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"result": string(content)})
}

func main() {
	http.HandleFunc("GET /api/case_0062/{file}", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
