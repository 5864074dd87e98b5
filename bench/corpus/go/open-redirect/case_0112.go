package main

import (
	"log"
	"net/http"
	"strings"
)

var ownDomains = map[string]bool{"shop.example.com": true, "shop.example.org": true}

func normalize(value string) string {
	return strings.Join(strings.Fields(value), " ")
}

func handle(w http.ResponseWriter, r *http.Request) {
	param := r.FormValue("domain")
	bar := normalize(param)
	if !ownDomains[bar] {
		http.Error(w, "invalid input", http.StatusBadRequest)
		return
	}
	http.Redirect(w, r, "https://"+bar+"/welcome", http.StatusFound)
}

func main() {
	http.HandleFunc("POST /api/case_0112", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
