package handlers

import (
	"context"
	"net/http"
	"os/exec"
	"regexp"
	"strconv"

	"github.com/gin-gonic/gin"
)

var allowedTools = map[string]bool{"uptime": true, "df": true}
var hostPattern = regexp.MustCompile(`^[a-z0-9.-]+$`)

func Ping(w http.ResponseWriter, r *http.Request) {
	host := r.URL.Query().Get("host")
	// ruleid: go.command-injection
	out, _ := exec.Command("sh", "-c", "ping -c 1 "+host).Output()
	w.Write(out)
}

func Run(w http.ResponseWriter, r *http.Request) {
	tool := r.FormValue("tool")
	// ruleid: go.command-injection
	exec.CommandContext(r.Context(), tool).Run()
	if !allowedTools[tool] {
		http.Error(w, "unknown tool", http.StatusBadRequest)
		return
	}
	// ok: go.command-injection
	exec.CommandContext(r.Context(), tool).Run()
}

func (s *Server) Trace(w http.ResponseWriter, req *http.Request) {
	host := req.Header.Get("X-Host")
	if !hostPattern.MatchString(host) {
		return
	}
	// ok: go.command-injection
	exec.Command("bash", "-c", "traceroute "+host).Run()
}

func Count(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(r.FormValue("n"))
	if err != nil {
		return
	}
	// ok: go.command-injection
	exec.Command("sh", "-c", "seq "+strconv.Itoa(n)).Run()
	// ok: go.command-injection
	exec.Command("git", "log", "--", r.FormValue("path")).Run()
}

func GinArchive(c *gin.Context) {
	name := c.Query("name")
	// ruleid: go.command-injection
	exec.Command("/bin/sh", "-c", "tar czf /tmp/out.tgz "+name).Run()
	var body struct{ Script string }
	if err := c.ShouldBindJSON(&body); err != nil {
		return
	}
	// ruleid: go.command-injection
	exec.Command("bash", "-c", body.Script).Run()
}

func Local(ctx context.Context, dir string) error {
	// ok: go.command-injection
	return exec.CommandContext(ctx, "sh", "-c", "ls "+dir).Run()
}

func DeadBranch(w http.ResponseWriter, r *http.Request) {
	cmd := "uptime"
	if false {
		cmd = r.FormValue("cmd")
	}
	// ok: go.command-injection
	exec.Command("sh", "-c", cmd).Run()
}
