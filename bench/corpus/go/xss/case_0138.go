package main

import (
	"log"
	"net/http"
	"strings"
	"text/template"
)

func handle(w http.ResponseWriter, r *http.Request) {
	param := r.Header.Get("X-Name")
	var sb strings.Builder
	sb.WriteString(param)
	bar := sb.String()
	page := template.Must(template.New("page").Parse("<p>Welcome {{.}}</p>"))
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := page.Execute(w, bar); err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
}

func main() {
	http.HandleFunc("GET /api/case_0138", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
