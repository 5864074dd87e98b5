package client

import (
	"crypto/tls"
	"crypto/x509"
	"net/http"
)

func Clients(pool *x509.CertPool) []*http.Client {
	// ruleid: go.tls-insecure-skip-verify
	insecure := &tls.Config{InsecureSkipVerify: true}
	cfg := &tls.Config{}
	// ruleid: go.tls-insecure-skip-verify
	cfg.InsecureSkipVerify = true
	// ok: go.tls-insecure-skip-verify
	secure := &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
	return []*http.Client{
		{Transport: &http.Transport{TLSClientConfig: insecure}},
		{Transport: &http.Transport{TLSClientConfig: cfg}},
		{Transport: &http.Transport{TLSClientConfig: secure}},
	}
}
