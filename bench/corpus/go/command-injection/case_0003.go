package main

import (
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"os/exec"
	"strings"
)

func handle(w http.ResponseWriter, r *http.Request) {
	param := r.FormValue("host")
	bar := strings.TrimSpace(param)
	cmd := exec.Command("bash", "-c", fmt.Sprintf("nslookup %s", bar))
	out, err := cmd.Output()
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"result": string(out)})
}

func main() {
	http.HandleFunc("POST /api/case_0003", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
