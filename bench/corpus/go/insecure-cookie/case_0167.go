package main

import (
	"encoding/json"
	"log"
	"net/http"
	"os"

	"github.com/gorilla/sessions"
)

// authenticate and saveSession stand for the application's user store.
func authenticate(username, password string) (string, bool) {
	return "u-" + username, password != ""
}

func saveSession(token, userID string) {}

var store = sessions.NewCookieStore([]byte(os.Getenv("SESSION_KEY")))

func init() {
	store.Options = &sessions.Options{Path: "/", Secure: true, HttpOnly: false}
}

func handle(w http.ResponseWriter, r *http.Request) {
	session, err := store.Get(r, "shop")
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	userID, ok := authenticate(r.FormValue("username"), r.FormValue("password"))
	if !ok {
		http.Error(w, "invalid input", http.StatusBadRequest)
		return
	}
	session.Values["user_id"] = userID
	if err := session.Save(r, w); err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"result": "ok"})
}

func main() {
	http.HandleFunc("POST /api/case_0167", handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
