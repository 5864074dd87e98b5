package main

import (
	"log"
	"net/http"
	"strings"
)

func normalize(value string) string {
	return strings.Join(strings.Fields(value), " ")
}

func handle(w http.ResponseWriter, r *http.Request) {
	param := r.FormValue("domain")
	bar := normalize(param)
	http.Redirect(w, r, "https://"+bar+"/welcome", http.StatusFound)
}

func main() {
	http.HandleFunc("POST /api/case_0111", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
