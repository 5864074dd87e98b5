package main

import (
	"encoding/json"
	"log"
	"net/http"
	"os/exec"
	"strings"
)

func handle(w http.ResponseWriter, r *http.Request) {
	param := r.PostFormValue("host")
	var sb strings.Builder
	sb.WriteString(param)
	bar := sb.String()
	out, err := exec.Command("sh", "-c", "ping -c 1 "+bar).CombinedOutput()
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"result": string(out)})
}

func main() {
	http.HandleFunc("POST /api/case_0018", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
