package main

import (
	"log"
	"net/http"
)

func main() {
	srv := &http.Server{Addr: ":8443"}
	// ruleid: go.http-without-tls
	go log.Fatal(http.ListenAndServe(":8080", nil))
	// ruleid: go.http-without-tls
	go srv.ListenAndServe()
	// ok: go.http-without-tls
	log.Fatal(srv.ListenAndServeTLS("tls.crt", "tls.key"))
}
