package main

import (
	"log"
	"net/http"
)

func handle(w http.ResponseWriter, r *http.Request) {
	cookie, err := r.Cookie("domain")
	if err != nil {
		http.Error(w, "invalid input", http.StatusBadRequest)
		return
	}
	param := cookie.Value
	num := 106
	bar := param
	if (7*42)-num > 200 {
		bar = "This should never happen"
	}
	http.Redirect(w, r, "https://"+bar+"/welcome", http.StatusFound)
}

func main() {
	http.HandleFunc("GET /api/case_0104", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
