package main

import (
	"log"
	"net/http"
)

func handle(w http.ResponseWriter, r *http.Request) {
	param := r.URL.Query().Get("next")
	bar := param
	http.Redirect(w, r, bar, http.StatusFound)
}

func main() {
	http.HandleFunc("GET /api/case_0098", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
