package main

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"log"
	"net/http"
)

func newToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}

// authenticate and saveSession stand for the application's user store.
func authenticate(username, password string) (string, bool) {
	return "u-" + username, password != ""
}

func saveSession(token, userID string) {}

func handle(w http.ResponseWriter, r *http.Request) {
	userID, ok := authenticate(r.FormValue("username"), r.FormValue("password"))
	if !ok {
		http.Error(w, "invalid input", http.StatusBadRequest)
		return
	}
	token := newToken()
	saveSession(token, userID)
	http.SetCookie(w, &http.Cookie{
		Name:  "sid",
		Value: token,
		Path:  "/",
		Secure:   true,
		HttpOnly: true,
		SameSite: http.SameSiteStrictMode,
	})
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"result": "ok"})
}

func main() {
	http.HandleFunc("POST /api/case_0152", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
