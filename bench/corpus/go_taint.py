# ruff: noqa: E501, S608
# Program text held as data: long lines and SQL-looking strings are the cases themselves.
"""The Go taint classes: sinks and the safe forms of each (see casegen.py)."""

from __future__ import annotations

from casegen import SafeForm, Sink, TaintClass
from go_program import BOTH, GIN, HTTP, SOURCES

OUT = "if err != nil {\n\t<<FAIL>>\n}\n<<JSON string(out)>>"
KNOWN_HOSTS = 'var knownHosts = map[string]bool{"127.0.0.1": true, "db.internal": true}'
HOST_PATTERN = "var hostPattern = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9.-]{0,252}$`)"
TIMEOUT = (
    "ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)\ndefer cancel()\n"
)

COMMAND = TaintClass(
    "command-injection",
    "host",
    (
        Sink(
            "exec.Command-sh-c",
            'out, err := exec.Command("sh", "-c", "ping -c 1 "+bar).CombinedOutput()\n' + OUT,
            "127.0.0.1",
            BOTH,
            (
                SafeForm(
                    "fixed-program-argv",
                    'out, err := exec.Command("ping", "-c", "1", bar).CombinedOutput()\n' + OUT,
                ),
                SafeForm(
                    "allow-list",
                    "if !knownHosts[bar] {\n\t<<REJECT>>\n}\n"
                    'out, err := exec.Command("sh", "-c", "ping -c 1 "+bar).CombinedOutput()\n'
                    + OUT,
                    prelude=(KNOWN_HOSTS,),
                ),
            ),
        ),
        Sink(
            "exec.Command-bash-c-sprintf",
            'cmd := exec.Command("bash", "-c", fmt.Sprintf("nslookup %s", bar))\n'
            "out, err := cmd.Output()\n" + OUT,
            "example.com",
            BOTH,
            (
                SafeForm(
                    "fixed-program-argv",
                    'cmd := exec.Command("nslookup", bar)\nout, err := cmd.Output()\n' + OUT,
                ),
                SafeForm(
                    "hostname-regexp",
                    "if !hostPattern.MatchString(bar) {\n\t<<REJECT>>\n}\n"
                    'cmd := exec.Command("bash", "-c", fmt.Sprintf("nslookup %s", bar))\n'
                    "out, err := cmd.Output()\n" + OUT,
                    prelude=(HOST_PATTERN,),
                ),
            ),
        ),
        Sink(
            "exec.CommandContext-sh-c",
            TIMEOUT
            + 'out, err := exec.CommandContext(ctx, "sh", "-c", "dig +short "+bar).Output()\n'
            + OUT,
            "example.org",
            BOTH,
            (
                SafeForm(
                    "fixed-program-argv",
                    TIMEOUT
                    + 'out, err := exec.CommandContext(ctx, "dig", "+short", bar).Output()\n'
                    + OUT,
                ),
                SafeForm(
                    "allow-list",
                    "if !knownHosts[bar] {\n\t<<REJECT>>\n}\n"
                    + TIMEOUT
                    + 'out, err := exec.CommandContext(ctx, "sh", "-c", "dig +short "+bar).Output()\n'
                    + OUT,
                    prelude=(KNOWN_HOSTS,),
                ),
            ),
        ),
        Sink(
            "exec.Command-sh-c-count",
            'out, err := exec.Command("sh", "-c", "ping -c "+bar+" 127.0.0.1").Output()\n' + OUT,
            "3",
            BOTH,
            (
                SafeForm(
                    "strconv.Atoi",
                    "count, err := strconv.Atoi(bar)\nif err != nil {\n\t<<REJECT>>\n}\n"
                    'out, err := exec.Command("sh", "-c", "ping -c "+strconv.Itoa(count)+" 127.0.0.1")'
                    ".Output()\n" + OUT,
                ),
            ),
            pname="count",
        ),
    ),
    SOURCES,
)

DB = (
    "var db *sql.DB\n\nfunc init() {\n\tvar err error\n"
    '\tdb, err = sql.Open("sqlite3", "shop.db")\n\tif err != nil {\n\t\tlog.Fatal(err)\n\t}\n}'
)
SQLITE = ('_ "github.com/mattn/go-sqlite3"',)
ROWS = (
    "if err != nil {\n\t<<FAIL>>\n}\ndefer rows.Close()\ncount := 0\nfor rows.Next() {\n"
    "\tcount++\n}\n<<JSON count>>"
)
SCAN = "); err != nil {\n\t<<FAIL>>\n}\n<<JSON email>>"

SQL = TaintClass(
    "sql-injection",
    "name",
    (
        Sink(
            "db.Query-concat",
            'rows, err := db.Query("SELECT id, name, price FROM products WHERE name = \'" + bar + '
            '"\'")\n' + ROWS,
            "widget",
            BOTH,
            (
                SafeForm(
                    "parameterized",
                    'rows, err := db.Query("SELECT id, name, price FROM products WHERE name = ?", bar)\n'
                    + ROWS,
                ),
            ),
            SQLITE,
            (DB,),
        ),
        Sink(
            "db.QueryRow-sprintf",
            'var email string\nif err := db.QueryRow(fmt.Sprintf("SELECT email FROM users WHERE '
            "username = '%s'\", bar)).Scan(&email" + SCAN,
            "alice",
            BOTH,
            (
                SafeForm(
                    "parameterized",
                    'var email string\nif err := db.QueryRow("SELECT email FROM users WHERE '
                    'username = ?", bar).Scan(&email' + SCAN,
                ),
            ),
            SQLITE,
            (DB,),
        ),
        Sink(
            "db.Exec-concat",
            'if _, err := db.Exec("DELETE FROM sessions WHERE user_id = " + bar); err != nil {\n'
            '\t<<FAIL>>\n}\n<<JSON "deleted">>',
            "42",
            BOTH,
            (
                SafeForm(
                    "strconv.Atoi",
                    "id, err := strconv.Atoi(bar)\nif err != nil {\n\t<<REJECT>>\n}\n"
                    'if _, err := db.Exec("DELETE FROM sessions WHERE user_id = " + strconv.Itoa(id)); '
                    'err != nil {\n\t<<FAIL>>\n}\n<<JSON "deleted">>',
                ),
                SafeForm(
                    "parameterized",
                    'if _, err := db.Exec("DELETE FROM sessions WHERE user_id = ?", bar); err != nil {\n'
                    '\t<<FAIL>>\n}\n<<JSON "deleted">>',
                ),
            ),
            SQLITE,
            (DB,),
            pname="user",
        ),
        Sink(
            "db.Query-order-by-sprintf",
            'rows, err := db.Query(fmt.Sprintf("SELECT id, title FROM articles ORDER BY %s", bar))\n'
            + ROWS,
            "title",
            BOTH,
            (
                SafeForm(
                    "allow-list-map",
                    "column, ok := sortColumns[bar]\nif !ok {\n\t<<REJECT>>\n}\n"
                    'rows, err := db.Query(fmt.Sprintf("SELECT id, title FROM articles ORDER BY %s", '
                    "column))\n" + ROWS,
                    prelude=(
                        'var sortColumns = map[string]string{"title": "title", "date": "created_at"}',
                    ),
                ),
            ),
            SQLITE,
            (DB,),
            pname="sort",
        ),
    ),
    SOURCES,
)

BASE = 'const baseDir = "/srv/app/files"'
PREFIX_CHECK = (
    "target := filepath.Join(baseDir, bar)\n"
    "if !strings.HasPrefix(target, baseDir+string(os.PathSeparator)) {\n\t<<REJECT>>\n}\n"
)
READ_OUT = "if err != nil {\n\t<<FAIL>>\n}\n<<JSON string(content)>>"

PATH = TaintClass(
    "path-traversal",
    "file",
    (
        Sink(
            "os.ReadFile",
            "content, err := os.ReadFile(filepath.Join(baseDir, bar))\n" + READ_OUT,
            "report.txt",
            BOTH,
            (
                SafeForm(
                    "filepath.Base",
                    "content, err := os.ReadFile(filepath.Join(baseDir, filepath.Base(bar)))\n"
                    + READ_OUT,
                ),
                SafeForm(
                    "clean-and-check-root",
                    PREFIX_CHECK + "content, err := os.ReadFile(target)\n" + READ_OUT,
                ),
            ),
            prelude=(BASE,),
        ),
        Sink(
            "os.Open",
            'f, err := os.Open(baseDir + "/" + bar)\nif err != nil {\n\t<<FAIL>>\n}\n'
            "defer f.Close()\ncontent, err := io.ReadAll(f)\n" + READ_OUT,
            "report.txt",
            BOTH,
            (
                SafeForm(
                    "filepath.IsLocal",
                    "if !filepath.IsLocal(bar) {\n\t<<REJECT>>\n}\n"
                    'f, err := os.Open(baseDir + "/" + bar)\nif err != nil {\n\t<<FAIL>>\n}\n'
                    "defer f.Close()\ncontent, err := io.ReadAll(f)\n" + READ_OUT,
                ),
                SafeForm(
                    "allow-list",
                    "if !publicFiles[bar] {\n\t<<REJECT>>\n}\n"
                    'f, err := os.Open(baseDir + "/" + bar)\nif err != nil {\n\t<<FAIL>>\n}\n'
                    "defer f.Close()\ncontent, err := io.ReadAll(f)\n" + READ_OUT,
                    prelude=(
                        'var publicFiles = map[string]bool{"report.txt": true, "summary.txt": true}',
                    ),
                ),
            ),
            prelude=(BASE,),
        ),
        Sink(
            "http.ServeFile",
            "http.ServeFile(w, r, filepath.Join(baseDir, bar))",
            "report.txt",
            HTTP,
            (
                SafeForm("clean-and-check-root", PREFIX_CHECK + "http.ServeFile(w, r, target)"),
                SafeForm("http.ServeFileFS", "http.ServeFileFS(w, r, os.DirFS(baseDir), bar)"),
            ),
            prelude=(BASE,),
        ),
        Sink(
            "gin.Context.File",
            "c.File(filepath.Join(baseDir, bar))",
            "report.txt",
            GIN,
            (
                SafeForm(
                    "filepath.IsLocal",
                    "if !filepath.IsLocal(bar) {\n\t<<REJECT>>\n}\nc.File(filepath.Join(baseDir, bar))",
                ),
                SafeForm("clean-and-check-root", PREFIX_CHECK + "c.File(target)"),
            ),
            prelude=(BASE,),
        ),
        Sink(
            "os.Remove",
            "if err := os.Remove(filepath.Join(baseDir, bar)); err != nil {\n\t<<FAIL>>\n}\n"
            '<<JSON "deleted">>',
            "old-report.txt",
            BOTH,
            (
                SafeForm(
                    "filepath.IsLocal",
                    "if !filepath.IsLocal(bar) {\n\t<<REJECT>>\n}\n"
                    "if err := os.Remove(filepath.Join(baseDir, bar)); err != nil {\n\t<<FAIL>>\n}\n"
                    '<<JSON "deleted">>',
                ),
            ),
            prelude=(BASE,),
        ),
    ),
    SOURCES,
)

ALLOWED = 'var allowedHosts = map[string]bool{"status.example.com": true, "api.example.com": true}'
URL_CHECK = (
    "target, err := url.Parse(bar)\n"
    'if err != nil || target.Scheme != "https" || !allowedHosts[target.Hostname()] {\n'
    "\t<<REJECT>>\n}\n"
)
RESP = "if err != nil {\n\t<<FAIL>>\n}\ndefer resp.Body.Close()\n<<JSON resp.StatusCode>>"

SSRF = TaintClass(
    "ssrf",
    "url",
    (
        Sink(
            "http.Get",
            "resp, err := http.Get(bar)\n" + RESP,
            "https://status.example.com/health",
            BOTH,
            (
                SafeForm(
                    "host-allow-list",
                    URL_CHECK + "resp, err := http.Get(target.String())\n" + RESP,
                    prelude=(ALLOWED,),
                ),
                SafeForm(
                    "fixed-host-escaped-path",
                    'resp, err := http.Get("https://status.example.com/api/services/" + '
                    "url.PathEscape(bar))\n" + RESP,
                ),
            ),
        ),
        Sink(
            "http.Get-sprintf-host",
            'resp, err := http.Get(fmt.Sprintf("http://%s/api/stock", bar))\n' + RESP,
            "inventory.internal",
            BOTH,
            (
                SafeForm(
                    "service-map",
                    "host, ok := services[bar]\nif !ok {\n\t<<REJECT>>\n}\n"
                    'resp, err := http.Get(fmt.Sprintf("http://%s/api/stock", host))\n' + RESP,
                    prelude=(
                        'var services = map[string]string{"inventory": "inventory.internal", '
                        '"pricing": "pricing.internal"}',
                    ),
                ),
            ),
            pname="host",
        ),
        Sink(
            "http.Client.Do",
            "req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, bar, nil)\n"
            "if err != nil {\n\t<<REJECT>>\n}\nresp, err := http.DefaultClient.Do(req)\n" + RESP,
            "https://api.example.com/v1/ping",
            BOTH,
            (
                SafeForm(
                    "host-allow-list",
                    URL_CHECK
                    + "req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, "
                    "target.String(), nil)\n"
                    "if err != nil {\n\t<<REJECT>>\n}\nresp, err := http.DefaultClient.Do(req)\n"
                    + RESP,
                    prelude=(ALLOWED,),
                ),
            ),
        ),
        Sink(
            "http.Post",
            'resp, err := http.Post(bar, "application/json", strings.NewReader(`{"event":"ping"}`))\n'
            + RESP,
            "https://api.example.com/hooks/ping",
            BOTH,
            (
                SafeForm(
                    "host-allow-list",
                    URL_CHECK + 'resp, err := http.Post(target.String(), "application/json", '
                    'strings.NewReader(`{"event":"ping"}`))\n' + RESP,
                    prelude=(ALLOWED,),
                ),
            ),
            pname="callback",
        ),
    ),
    SOURCES,
)

ALLOWED_PATHS = (
    'var allowedPaths = map[string]bool{"/dashboard": true, "/account": true, "/orders": true}'
)

REDIRECT = TaintClass(
    "open-redirect",
    "next",
    (
        Sink(
            "http.Redirect",
            "http.Redirect(w, r, bar, http.StatusFound)",
            "/dashboard",
            HTTP,
            (
                SafeForm(
                    "allow-list",
                    "if !allowedPaths[bar] {\n\t<<REJECT>>\n}\nhttp.Redirect(w, r, bar, http.StatusFound)",
                    prelude=(ALLOWED_PATHS,),
                ),
                SafeForm(
                    "map-lookup",
                    'target, ok := destinations[bar]\nif !ok {\n\ttarget = "/"\n}\n'
                    "http.Redirect(w, r, target, http.StatusFound)",
                    prelude=(
                        'var destinations = map[string]string{"orders": "/orders", '
                        '"account": "/account"}',
                    ),
                ),
            ),
        ),
        Sink(
            "Location-header",
            'w.Header().Set("Location", bar)\nw.WriteHeader(http.StatusSeeOther)',
            "/orders",
            HTTP,
            (
                SafeForm(
                    "escaped-query-on-fixed-path",
                    'w.Header().Set("Location", "/login?next="+url.QueryEscape(bar))\n'
                    "w.WriteHeader(http.StatusSeeOther)",
                ),
                SafeForm(
                    "allow-list",
                    "if !allowedPaths[bar] {\n\t<<REJECT>>\n}\n"
                    'w.Header().Set("Location", bar)\nw.WriteHeader(http.StatusSeeOther)',
                    prelude=(ALLOWED_PATHS,),
                ),
            ),
        ),
        Sink(
            "gin.Context.Redirect",
            "c.Redirect(http.StatusFound, bar)",
            "/dashboard",
            GIN,
            (
                SafeForm(
                    "allow-list",
                    "if !allowedPaths[bar] {\n\t<<REJECT>>\n}\nc.Redirect(http.StatusFound, bar)",
                    prelude=(ALLOWED_PATHS,),
                ),
                SafeForm(
                    "escaped-query-on-fixed-path",
                    'c.Redirect(http.StatusFound, "/login?next="+url.QueryEscape(bar))',
                ),
            ),
        ),
        Sink(
            "http.Redirect-host",
            'http.Redirect(w, r, "https://"+bar+"/welcome", http.StatusFound)',
            "shop.example.com",
            HTTP,
            (
                SafeForm(
                    "domain-allow-list",
                    "if !ownDomains[bar] {\n\t<<REJECT>>\n}\n"
                    'http.Redirect(w, r, "https://"+bar+"/welcome", http.StatusFound)',
                    prelude=(
                        'var ownDomains = map[string]bool{"shop.example.com": true, '
                        '"shop.example.org": true}',
                    ),
                ),
            ),
            pname="domain",
        ),
    ),
    SOURCES,
)

HTML_TYPE = 'w.Header().Set("Content-Type", "text/html; charset=utf-8")\n'

XSS = TaintClass(
    "xss",
    "name",
    (
        Sink(
            "fmt.Fprintf",
            HTML_TYPE + 'fmt.Fprintf(w, "<h1>Hello %s</h1>", bar)',
            "guest",
            HTTP,
            (
                SafeForm(
                    "html.EscapeString",
                    HTML_TYPE + 'fmt.Fprintf(w, "<h1>Hello %s</h1>", html.EscapeString(bar))',
                ),
                SafeForm(
                    "template.HTMLEscapeString",
                    "#import html/template\n"
                    + HTML_TYPE
                    + 'fmt.Fprintf(w, "<h1>Hello %s</h1>", template.HTMLEscapeString(bar))',
                ),
            ),
        ),
        Sink(
            "ResponseWriter.Write",
            HTML_TYPE + 'w.Write([]byte("<p>Search results for <b>" + bar + "</b></p>"))',
            "shoes",
            HTTP,
            (
                SafeForm(
                    "html.EscapeString",
                    HTML_TYPE
                    + 'w.Write([]byte("<p>Search results for <b>" + html.EscapeString(bar) + "</b></p>"))',
                ),
            ),
            pname="q",
        ),
        Sink(
            "text/template",
            "#import text/template\n"
            'page := template.Must(template.New("page").Parse("<p>Welcome {{.}}</p>"))\n'
            + HTML_TYPE
            + "if err := page.Execute(w, bar); err != nil {\n\t<<FAIL>>\n}",
            "guest",
            HTTP,
            (
                SafeForm(
                    "html/template",
                    "#import html/template\n"
                    'page := template.Must(template.New("page").Parse("<p>Welcome {{.}}</p>"))\n'
                    + HTML_TYPE
                    + "if err := page.Execute(w, bar); err != nil {\n\t<<FAIL>>\n}",
                ),
            ),
        ),
        Sink(
            "gin.Context.Data",
            'c.Data(http.StatusOK, "text/html; charset=utf-8", []byte("<h1>Hello "+bar+"</h1>"))',
            "guest",
            GIN,
            (
                SafeForm(
                    "html.EscapeString",
                    'c.Data(http.StatusOK, "text/html; charset=utf-8", '
                    '[]byte("<h1>Hello "+html.EscapeString(bar)+"</h1>"))',
                ),
            ),
        ),
        Sink(
            "template.HTML",
            "#import html/template\n"
            'page := template.Must(template.New("page").Parse("<p>Your note: {{.}}</p>"))\n'
            + HTML_TYPE
            + "if err := page.Execute(w, template.HTML(bar)); err != nil {\n\t<<FAIL>>\n}",
            "remember the milk",
            HTTP,
            (
                SafeForm(
                    "autoescaped-string",
                    "#import html/template\n"
                    'page := template.Must(template.New("page").Parse("<p>Your note: {{.}}</p>"))\n'
                    + HTML_TYPE
                    + "if err := page.Execute(w, bar); err != nil {\n\t<<FAIL>>\n}",
                ),
            ),
            pname="note",
        ),
        Sink(
            "gin.Writer.WriteString",
            'c.Header("Content-Type", "text/html; charset=utf-8")\n'
            'c.Writer.WriteString(`<a href="/items?page=` + bar + `">Next page</a>`)',
            "2",
            GIN,
            (
                SafeForm(
                    "strconv.Atoi",
                    "page, err := strconv.Atoi(bar)\nif err != nil {\n\t<<REJECT>>\n}\n"
                    'c.Header("Content-Type", "text/html; charset=utf-8")\n'
                    'c.Writer.WriteString(`<a href="/items?page=` + strconv.Itoa(page) + '
                    '`">Next page</a>`)',
                ),
            ),
            pname="page",
        ),
    ),
    SOURCES,
)

CLASSES: tuple[TaintClass, ...] = (COMMAND, SQL, PATH, SSRF, REDIRECT, XSS)
