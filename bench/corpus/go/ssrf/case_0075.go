package main

import (
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"strings"
)

var services = map[string]string{"inventory": "inventory.internal", "pricing": "pricing.internal"}

func handle(w http.ResponseWriter, r *http.Request) {
	param := r.FormValue("host")
	bar := strings.TrimSpace(param)
	host, ok := services[bar]
	if !ok {
		http.Error(w, "invalid input", http.StatusBadRequest)
		return
	}
	resp, err := http.Get(fmt.Sprintf("http://%s/api/stock", host))
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	defer resp.Body.Close()
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"result": resp.StatusCode})
}

func main() {
	http.HandleFunc("POST /api/case_0075", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
