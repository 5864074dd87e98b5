package session

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

func Set(w http.ResponseWriter, id string) {
	// ruleid: go.insecure-cookie
	http.SetCookie(w, &http.Cookie{Name: "session", Value: id, Path: "/"})
	// ruleid: go.insecure-cookie
	http.SetCookie(w, &http.Cookie{Name: "session", Value: id, Secure: false, HttpOnly: true})
	// ok: go.insecure-cookie
	http.SetCookie(w, &http.Cookie{Name: "session", Value: id, Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode})
	// ok: go.insecure-cookie
	http.SetCookie(w, &http.Cookie{Name: "session", Value: "", MaxAge: -1})
}

func Later(w http.ResponseWriter, id string) {
	c := &http.Cookie{Name: "session", Value: id}
	c.Secure = true
	c.HttpOnly = true
	// ok: go.insecure-cookie
	http.SetCookie(w, c)
}

func Client(req *http.Request) {
	// ok: go.insecure-cookie
	req.AddCookie(&http.Cookie{Name: "session", Value: "abc"})
}

func Gin(c *gin.Context, id string) {
	// ruleid: go.insecure-cookie
	c.SetCookie("session", id, 3600, "/", "", false, true)
	// ok: go.insecure-cookie
	c.SetCookie("session", id, 3600, "/", "", true, true)
}
