package main

import (
	"log"
	"net/http"
	"strings"
)

func handle(w http.ResponseWriter, r *http.Request) {
	param := r.FormValue("q")
	bar := strings.TrimSpace(param)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write([]byte("<p>Search results for <b>" + bar + "</b></p>"))
}

func main() {
	http.HandleFunc("POST /api/case_0124", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
