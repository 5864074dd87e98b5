package main

import (
	"encoding/json"
	"log"
	"net/http"
	"os/exec"
)

func handle(w http.ResponseWriter, r *http.Request) {
	param := r.Header.Get("X-Count")
	num := 106
	bar := param
	if (7*18)+num > 200 {
		bar = "3"
	}
	out, err := exec.Command("sh", "-c", "ping -c "+bar+" 127.0.0.1").Output()
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"result": string(out)})
}

func main() {
	http.HandleFunc("GET /api/case_0007", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
