package main

import (
	"encoding/json"
	"log"
	"net/http"
	"os/exec"
	"strings"
)

var knownHosts = map[string]bool{"127.0.0.1": true, "db.internal": true}

func handle(w http.ResponseWriter, r *http.Request) {
	param := r.PostFormValue("host")
	var sb strings.Builder
	sb.WriteString(param)
	bar := sb.String()
	if !knownHosts[bar] {
		http.Error(w, "invalid input", http.StatusBadRequest)
		return
	}
	out, err := exec.Command("sh", "-c", "ping -c 1 "+bar).CombinedOutput()
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"result": string(out)})
}

func main() {
	http.HandleFunc("POST /api/case_0017", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
