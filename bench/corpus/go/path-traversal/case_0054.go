package main

import (
	"log"
	"net/http"
	"os"
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
	target := filepath.Join(baseDir, bar)
	if !strings.HasPrefix(target, baseDir+string(os.PathSeparator)) {
		http.Error(w, "invalid input", http.StatusBadRequest)
		return
	}
	http.ServeFile(w, r, target)
}

func main() {
	http.HandleFunc("GET /api/case_0054", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
