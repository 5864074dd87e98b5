package proxy

import (
	"io"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"
)

var allowedHosts = map[string]bool{"api.example.com": true}

func Fetch(w http.ResponseWriter, r *http.Request) {
	target := r.URL.Query().Get("url")
	// ruleid: go.ssrf
	resp, _ := http.Get(target)
	io.Copy(w, resp.Body)
	// ok: go.ssrf
	http.Get("https://api.example.com/items/" + url.PathEscape(target))
	u, err := url.Parse(target)
	if err != nil || !allowedHosts[u.Hostname()] {
		http.Error(w, "host not allowed", http.StatusBadRequest)
		return
	}
	// ok: go.ssrf
	http.Get(u.String())
}

func Hook(c *gin.Context) {
	// ruleid: go.ssrf
	req, _ := http.NewRequestWithContext(c, "POST", c.PostForm("callback"), nil)
	http.DefaultClient.Do(req)
	client := &http.Client{}
	// ruleid: go.ssrf
	client.Get("http://" + c.Query("host") + "/status")
}

func Health(host, port string) {
	// ok: go.ssrf
	http.Get("http://" + host + ":" + port + "/")
}
