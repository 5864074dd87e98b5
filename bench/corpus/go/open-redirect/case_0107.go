package main

import (
	"log"
	"net/http"
)

func handle(w http.ResponseWriter, r *http.Request) {
	param := r.PostFormValue("next")
	lookup := map[string]string{"keyA": "/orders", "keyB": param}
	bar := lookup["keyB"]
	w.Header().Set("Location", bar)
	w.WriteHeader(http.StatusSeeOther)
}

func main() {
	http.HandleFunc("POST /api/case_0107", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
