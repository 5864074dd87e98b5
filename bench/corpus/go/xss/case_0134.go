package main

import (
	"fmt"
	"log"
	"net/http"
)

func handle(w http.ResponseWriter, r *http.Request) {
	param := r.FormValue("name")
	log.Printf("ignoring a client value of %d bytes", len(param))
	bar := "guest"
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, "<h1>Hello %s</h1>", bar)
}

func main() {
	http.HandleFunc("POST /api/case_0134", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
