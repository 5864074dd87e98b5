package main

import (
	"log"
	"net/http"
)

func handle(w http.ResponseWriter, r *http.Request) {
	param := r.PostFormValue("domain")
	lookup := map[string]string{"keyA": "shop.example.com", "keyB": param}
	bar := lookup["keyB"]
	http.Redirect(w, r, "https://"+bar+"/welcome", http.StatusFound)
}

func main() {
	http.HandleFunc("POST /api/case_0119", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
