package main

import (
	"log"
	"net/http"
	"strings"
)

var destinations = map[string]string{"orders": "/orders", "account": "/account"}

func handle(w http.ResponseWriter, r *http.Request) {
	param := r.Header.Get("X-Next")
	var sb strings.Builder
	sb.WriteString(param)
	bar := sb.String()
	target, ok := destinations[bar]
	if !ok {
		target = "/"
	}
	http.Redirect(w, r, target, http.StatusFound)
}

func main() {
	http.HandleFunc("GET /api/case_0114", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
