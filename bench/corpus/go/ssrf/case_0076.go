package main

import (
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"strings"
)

func handle(w http.ResponseWriter, r *http.Request) {
	param := r.FormValue("host")
	bar := strings.TrimSpace(param)
	resp, err := http.Get(fmt.Sprintf("http://%s/api/stock", bar))
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	defer resp.Body.Close()
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"result": resp.StatusCode})
}

func main() {
	http.HandleFunc("POST /api/case_0076", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
