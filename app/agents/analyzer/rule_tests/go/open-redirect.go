package auth

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

func Login(w http.ResponseWriter, r *http.Request) {
	next := r.URL.Query().Get("next")
	// ruleid: go.open-redirect
	http.Redirect(w, r, next, http.StatusFound)
	// ok: go.open-redirect
	http.Redirect(w, r, "/home", http.StatusFound)
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") {
		next = "/"
	}
	// ok: go.open-redirect
	http.Redirect(w, r, next, http.StatusFound)
}

func Back(c *gin.Context) {
	// ruleid: go.open-redirect
	c.Redirect(http.StatusFound, c.GetHeader("Referer"))
	// ok: go.open-redirect
	c.Redirect(http.StatusFound, "/profile/"+c.Param("id"))
}

func Canonical(w http.ResponseWriter, r *http.Request) {
	// ok: go.open-redirect
	http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
}
