package main

import (
	"html/template"
	"log"
	"net/http"
	"strings"
)

func handle(w http.ResponseWriter, r *http.Request) {
	param := r.PathValue("note")
	bar := strings.TrimSpace(param)
	page := template.Must(template.New("page").Parse("<p>Your note: {{.}}</p>"))
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := page.Execute(w, bar); err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
}

func main() {
	http.HandleFunc("GET /api/case_0141/{note}", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
