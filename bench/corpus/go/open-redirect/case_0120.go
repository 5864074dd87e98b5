package main

import (
	"log"
	"net/http"
)

var ownDomains = map[string]bool{"shop.example.com": true, "shop.example.org": true}

func handle(w http.ResponseWriter, r *http.Request) {
	param := r.PostFormValue("domain")
	lookup := map[string]string{"keyA": "shop.example.com", "keyB": param}
	bar := lookup["keyB"]
	if !ownDomains[bar] {
		http.Error(w, "invalid input", http.StatusBadRequest)
		return
	}
	http.Redirect(w, r, "https://"+bar+"/welcome", http.StatusFound)
}

func main() {
	http.HandleFunc("POST /api/case_0120", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
