package store

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
)

func FindUser(ctx context.Context, db *sql.DB, email string, table string) error {
	// ruleid: go.sql-injection-sprintf
	rows, err := db.Query(fmt.Sprintf("SELECT id FROM users WHERE email = '%s'", email))
	if err != nil {
		return err
	}
	defer rows.Close()
	// ruleid: go.sql-injection-sprintf
	_, err = db.ExecContext(ctx, "DELETE FROM "+table+" WHERE email = $1", email)
	query := fmt.Sprintf("SELECT count(*) FROM %s", table)
	// ruleid: go.sql-injection-sprintf
	row := db.QueryRowContext(ctx, query)
	_ = row
	// ok: go.sql-injection-sprintf
	_, err = db.ExecContext(ctx, "DELETE FROM sessions WHERE email = $1", email)
	// ok: go.sql-injection-sprintf
	row = db.QueryRow("SELECT id FROM users WHERE email = ?", email)
	return err
}

func Probe(host, port string) error {
	// ok: go.sql-injection-sprintf
	resp, err := http.Get(fmt.Sprintf("http://%s:%s/", host, port))
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
