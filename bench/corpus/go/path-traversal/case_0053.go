package main

import (
	"log"
	"net/http"
	"path/filepath"
	"strings"
)

const baseDir = "/srv/app/files"

func normalize(value string) string {
	return strings.Join(strings.Fields(value), " ")
}

func handle(w http.ResponseWriter, r *http.Request) {
	param := r.Header.Get("X-File")
	bar := normalize(param)
	http.ServeFile(w, r, filepath.Join(baseDir, bar))
}

func main() {
	http.HandleFunc("GET /api/case_0053", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
