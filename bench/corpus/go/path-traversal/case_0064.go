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
	param := r.FormValue("file")
	bar := normalize(param)
	http.ServeFile(w, r, filepath.Join(baseDir, bar))
}

func main() {
	http.HandleFunc("POST /api/case_0064", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
