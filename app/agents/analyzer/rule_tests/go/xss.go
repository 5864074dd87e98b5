package web

import (
	"fmt"
	"html"
	"html/template"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/gofiber/fiber/v2"
	"github.com/labstack/echo/v4"
)

func Hello(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	// ruleid: go.xss
	fmt.Fprintf(w, "<h1>Hello %s</h1>", name)
	// ok: go.xss
	fmt.Fprintf(w, "<h1>Hello %s</h1>", html.EscapeString(name))
	// ruleid: go.xss
	w.Write([]byte(name))
}

func Page(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	// ruleid: go.xss
	fmt.Fprint(w, "<p>"+r.FormValue("comment")+"</p>")
}

func Plain(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	// ok: go.xss
	fmt.Fprintf(w, "Hello %s", r.FormValue("name"))
}

func Comment(c *gin.Context) {
	// ruleid: go.xss
	body := template.HTML(c.PostForm("body"))
	// ok: go.xss
	title := template.HTML("<b>Comments</b>")
	c.HTML(http.StatusOK, "comment.tmpl", gin.H{"Body": body, "Title": title})
}

func EchoSearch(c echo.Context) error {
	q := c.QueryParam("q")
	// ruleid: go.xss
	return c.HTML(http.StatusOK, "<p>Results for "+q+"</p>")
}

func EchoSafe(c echo.Context) error {
	// ok: go.xss
	return c.HTML(http.StatusOK, "<p>Results for "+html.EscapeString(c.QueryParam("q"))+"</p>")
}

func FiberRaw(w http.ResponseWriter, c *fiber.Ctx) {
	// ruleid: go.xss
	fmt.Fprintf(w, "<div>%s</div>", c.Query("q"))
}

func Constant(w http.ResponseWriter, r *http.Request) {
	msg := "welcome"
	num := 106
	if (7*18)+num > 300 {
		msg = r.FormValue("msg")
	}
	// ok: go.xss
	fmt.Fprintf(w, "<p>%s</p>", msg)
}
