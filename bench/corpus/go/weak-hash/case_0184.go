package main

import (
	"crypto/md5"
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
	sum := md5.Sum([]byte(file + strconv.FormatInt(expires, 10) + os.Getenv("URL_SIGNING_KEY")))
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"result": fmt.Sprintf("/download/%s?expires=%d&sig=%x", file, expires, sum)})
}

func main() {
	http.HandleFunc("GET /api/case_0184", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
