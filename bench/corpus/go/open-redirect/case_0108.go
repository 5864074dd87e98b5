package main

import (
	"log"
	"net/http"
)

var allowedPaths = map[string]bool{"/dashboard": true, "/account": true, "/orders": true}

func handle(w http.ResponseWriter, r *http.Request) {
	param := r.PostFormValue("next")
	lookup := map[string]string{"keyA": "/orders", "keyB": param}
	bar := lookup["keyB"]
	if !allowedPaths[bar] {
		http.Error(w, "invalid input", http.StatusBadRequest)
		return
	}
	w.Header().Set("Location", bar)
	w.WriteHeader(http.StatusSeeOther)
}

func main() {
	http.HandleFunc("POST /api/case_0108", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
