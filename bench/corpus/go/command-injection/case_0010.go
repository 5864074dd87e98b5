package main

import (
	"encoding/json"
	"log"
	"net/http"
	"os/exec"
)

func handle(w http.ResponseWriter, r *http.Request) {
	cookie, err := r.Cookie("host")
	if err != nil {
		http.Error(w, "invalid input", http.StatusBadRequest)
		return
	}
	param := cookie.Value
	values := []string{"safe", param, "127.0.0.1"}
	values = values[1:]
	bar := values[1]
	out, err := exec.Command("sh", "-c", "ping -c 1 "+bar).CombinedOutput()
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"result": string(out)})
}

func main() {
	http.HandleFunc("GET /api/case_0010", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
