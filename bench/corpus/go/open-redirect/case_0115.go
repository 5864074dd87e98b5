package main

import (
	"log"
	"net/http"
)

func handle(w http.ResponseWriter, r *http.Request) {
	cookie, err := r.Cookie("next")
	if err != nil {
		http.Error(w, "invalid input", http.StatusBadRequest)
		return
	}
	param := cookie.Value
	bar := param
	bar = "/orders"
	w.Header().Set("Location", bar)
	w.WriteHeader(http.StatusSeeOther)
}

func main() {
	http.HandleFunc("GET /api/case_0115", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
