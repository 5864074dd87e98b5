package main

import (
	"log"
	"net/http"
)

var allowedPaths = map[string]bool{"/dashboard": true, "/account": true, "/orders": true}

func handle(w http.ResponseWriter, r *http.Request) {
	param := r.URL.Query().Get("next")
	bar := param
	if !allowedPaths[bar] {
		http.Error(w, "invalid input", http.StatusBadRequest)
		return
	}
	http.Redirect(w, r, bar, http.StatusFound)
}

func main() {
	http.HandleFunc("GET /api/case_0097", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
