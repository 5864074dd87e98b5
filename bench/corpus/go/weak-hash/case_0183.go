package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"os"
	"strconv"
	"time"
)

func handle(w http.ResponseWriter, r *http.Request) {
	file := "reports/q3.pdf"
	expires := time.Now().Add(time.Hour).Unix()
	mac := hmac.New(sha256.New, []byte(os.Getenv("URL_SIGNING_KEY")))
	mac.Write([]byte(file + strconv.FormatInt(expires, 10)))
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"result": fmt.Sprintf("/download/%s?expires=%d&sig=%x", file, expires, mac.Sum(nil))})
}

func main() {
	http.HandleFunc("GET /api/case_0183", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
