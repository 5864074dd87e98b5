package main

import (
	"encoding/json"
	"log"
	"net/http"
	"os/exec"
)

func handle(w http.ResponseWriter, r *http.Request) {
	param := r.URL.Query().Get("host")
	bar := param
	out, err := exec.Command("ping", "-c", "1", bar).CombinedOutput()
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"result": string(out)})
}

func main() {
	http.HandleFunc("GET /api/case_0002", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
