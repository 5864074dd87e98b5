package main

import (
	"log"
	"net/http"
	"strings"
)

func handle(w http.ResponseWriter, r *http.Request) {
	param := r.Header.Get("X-Next")
	var sb strings.Builder
	sb.WriteString(param)
	bar := sb.String()
	http.Redirect(w, r, bar, http.StatusFound)
}

func main() {
	http.HandleFunc("GET /api/case_0113", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
