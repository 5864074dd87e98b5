package main

import (
	"log"
	"net/http"
)

func handle(w http.ResponseWriter, r *http.Request) {
	param := r.PathValue("next")
	values := []string{"safe", param, "/dashboard"}
	values = values[1:]
	bar := values[1]
	http.Redirect(w, r, bar, http.StatusFound)
}

func main() {
	http.HandleFunc("GET /api/case_0106/{next}", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
