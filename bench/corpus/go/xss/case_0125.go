package main

import (
	"log"
	"net/http"
	"strings"
	"text/template"
)

func normalize(value string) string {
	return strings.Join(strings.Fields(value), " ")
}

func handle(w http.ResponseWriter, r *http.Request) {
	param := r.Header.Get("X-Name")
	bar := normalize(param)
	page := template.Must(template.New("page").Parse("<p>Welcome {{.}}</p>"))
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := page.Execute(w, bar); err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
}

func main() {
	http.HandleFunc("GET /api/case_0125", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
