package store

import (
	"database/sql"
	"fmt"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"
)

type API struct {
	db   *sql.DB
	gorm *gorm.DB
}

func (a *API) Search(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	// ruleid: go.sql-injection
	rows, _ := a.db.Query(fmt.Sprintf("SELECT id FROM users WHERE name = '%s'", name))
	defer rows.Close()
	// ruleid: go.sql-injection
	a.db.ExecContext(r.Context(), "DELETE FROM users WHERE name = '"+name+"'")
	// ok: go.sql-injection
	a.db.QueryContext(r.Context(), "SELECT id FROM users WHERE name = $1", name)
	stmt, _ := a.db.Prepare("INSERT INTO log(name) VALUES (?)")
	// ok: go.sql-injection
	stmt.Exec(name)
	id, err := strconv.Atoi(r.FormValue("id"))
	if err != nil {
		return
	}
	// ok: go.sql-injection
	a.db.QueryRow(fmt.Sprintf("SELECT name FROM users WHERE id = %d", id))
}

func (a *API) GinSearch(c *gin.Context) {
	var users []string
	// ruleid: go.sql-injection
	a.gorm.Where("name = '" + c.Query("name") + "'").Find(&users)
	// ok: go.sql-injection
	a.gorm.Where("name = ?", c.Query("name")).Find(&users)
	// ruleid: go.sql-injection
	a.gorm.Raw(fmt.Sprintf("SELECT * FROM users ORDER BY %s", c.Param("col"))).Scan(&users)
}

func Probe(w http.ResponseWriter, r *http.Request) {
	host := r.Header.Get("X-Host")
	// ok: go.sql-injection
	resp, _ := http.Get(fmt.Sprintf("http://%s/", host))
	resp.Body.Close()
}

func Report(db *sql.DB, table string) {
	// ok: go.sql-injection
	db.Query("SELECT count(*) FROM " + table)
}
