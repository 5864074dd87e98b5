package main

import (
	"log"
	"net/http"
	"strings"
)

func handle(w http.ResponseWriter, r *http.Request) {
	param := r.FormValue("next")
	bar := strings.TrimSpace(param)
	w.Header().Set("Location", bar)
	w.WriteHeader(http.StatusSeeOther)
}

func main() {
	http.HandleFunc("POST /api/case_0099", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
