package main

import (
	"html/template"
	"log"
	"net/http"
)

func handle(w http.ResponseWriter, r *http.Request) {
	param := r.PathValue("note")
	values := []string{"safe", param, "remember the milk"}
	values = values[1:]
	bar := values[1]
	page := template.Must(template.New("page").Parse("<p>Your note: {{.}}</p>"))
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := page.Execute(w, template.HTML(bar)); err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
}

func main() {
	http.HandleFunc("GET /api/case_0129/{note}", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
