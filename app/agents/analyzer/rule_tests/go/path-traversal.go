package files

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/gorilla/mux"
	"github.com/labstack/echo/v4"
)

const baseDir = "/srv/files"

func Download(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("file")
	// ruleid: go.path-traversal
	data, _ := os.ReadFile(filepath.Join(baseDir, name))
	w.Write(data)
	// ruleid: go.path-traversal
	http.ServeFile(w, r, baseDir+"/"+name)
	// ok: go.path-traversal
	http.ServeFile(w, r, filepath.Join(baseDir, filepath.Base(name)))
}

func Upload(w http.ResponseWriter, r *http.Request) {
	full := filepath.Join(baseDir, filepath.Clean(r.FormValue("name")))
	if !strings.HasPrefix(full, baseDir+string(filepath.Separator)) {
		http.Error(w, "bad name", http.StatusBadRequest)
		return
	}
	// ok: go.path-traversal
	f, _ := os.Create(full)
	f.Close()
}

func GinFile(c *gin.Context) {
	// ruleid: go.path-traversal
	c.File("/srv/files/" + c.Param("name"))
	// ok: go.path-traversal
	c.File("/srv/files/index.html")
	// ok: go.path-traversal
	os.Open(filepath.Join(baseDir, filepath.Clean("/"+c.Query("p"))))
}

func Local(name string) ([]byte, error) {
	// ok: go.path-traversal
	return os.ReadFile(filepath.Join(baseDir, name))
}

func MuxAvatar(w http.ResponseWriter, r *http.Request) {
	user := mux.Vars(r)["user"]
	// ruleid: go.path-traversal
	f, _ := os.Open("/srv/avatars/" + user + ".png")
	f.Close()
}

func PatternAvatar(w http.ResponseWriter, r *http.Request) {
	// ruleid: go.path-traversal
	os.Remove(filepath.Join(baseDir, r.PathValue("name")))
}

func EchoExport(c echo.Context) error {
	var req struct{ Name string }
	if err := c.Bind(&req); err != nil {
		return err
	}
	// ruleid: go.path-traversal
	return c.Attachment(filepath.Join(baseDir, req.Name), "export.csv")
}
