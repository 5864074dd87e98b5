package main

import (
	"crypto/md5"
	"fmt"
	"log"
	"net/http"
)

// createUser, findHash and the other store functions stand for the application's database.
func createUser(username, hash string) {}

func findHash(username string) string {
	return ""
}

func handle(w http.ResponseWriter, r *http.Request) {
	body := []byte(`{"plans":["free","team","enterprise"]}`)
	w.Header().Set("ETag", fmt.Sprintf("\"%x\"", md5.Sum(body)))
	w.Header().Set("Content-Type", "application/json")
	w.Write(body)
}

func main() {
	http.HandleFunc("POST /api/case_0186", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
