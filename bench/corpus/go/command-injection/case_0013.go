package main

import (
	"context"
	"encoding/json"
	"log"
	"net/http"
	"os/exec"
	"time"
)

func handle(w http.ResponseWriter, r *http.Request) {
	param := r.PathValue("host")
	bar := param
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "sh", "-c", "dig +short "+bar).Output()
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"result": string(out)})
}

func main() {
	http.HandleFunc("GET /api/case_0013/{host}", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
