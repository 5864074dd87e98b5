package main

import (
	"html"
	"log"
	"net/http"
	"strings"
)

func normalize(value string) string {
	return strings.Join(strings.Fields(value), " ")
}

func handle(w http.ResponseWriter, r *http.Request) {
	param := r.FormValue("q")
	bar := normalize(param)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write([]byte("<p>Search results for <b>" + html.EscapeString(bar) + "</b></p>"))
}

func main() {
	http.HandleFunc("POST /api/case_0135", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
