# ruff: noqa: E501
# Program text held as data: long lines and SQL-looking strings are the cases themselves.
"""The JavaScript taint classes: sinks and the safe forms of each (see casegen.py)."""

from __future__ import annotations

from casegen import SafeForm, Sink, TaintClass
from js_program import CALLBACK, DOM, EXPRESS, HTTP, KOA, SERVER, SOURCES

EXEC = "const { exec } = require('child_process');"
EXEC_FILE = "const { execFile } = require('child_process');"
HOST_RE = "if (!/^[a-zA-Z0-9][a-zA-Z0-9.-]{0,252}$/.test(bar)) {\n  <<REJECT>>\n}\n"
KNOWN_HOSTS = "const KNOWN_HOSTS = new Set(['127.0.0.1', 'db.internal', 'cache.internal']);"

COMMAND = TaintClass(
    "command-injection",
    "host",
    (
        Sink(
            "child_process.exec",
            "exec(`ping -c 1 ${bar}`, (error, stdout) => {\n  if (error) {\n    <<FAIL>>\n  }\n"
            "  <<JSON { output: stdout }>>\n});",
            "127.0.0.1",
            CALLBACK,
            (
                SafeForm(
                    "execFile-argv",
                    "execFile('ping', ['-c', '1', bar], (error, stdout) => {\n"
                    "  if (error) {\n    <<FAIL>>\n  }\n  <<JSON { output: stdout }>>\n});",
                    (EXEC_FILE,),
                ),
                SafeForm(
                    "allow-list",
                    "if (!KNOWN_HOSTS.has(bar)) {\n  <<REJECT>>\n}\n"
                    "exec(`ping -c 1 ${bar}`, (error, stdout) => {\n  if (error) {\n"
                    "    <<FAIL>>\n  }\n  <<JSON { output: stdout }>>\n});",
                    prelude=(KNOWN_HOSTS,),
                ),
            ),
            (EXEC,),
        ),
        Sink(
            "child_process.execSync",
            "const output = execSync('nslookup ' + bar, { encoding: 'utf8' });\n"
            "<<JSON { output }>>",
            "example.com",
            SERVER,
            (
                SafeForm(
                    "execFileSync-argv",
                    "const output = execFileSync('nslookup', [bar], { encoding: 'utf8' });\n"
                    "<<JSON { output }>>",
                    ("const { execFileSync } = require('child_process');",),
                ),
                SafeForm(
                    "hostname-regex",
                    HOST_RE + "const output = execSync('nslookup ' + bar, { encoding: 'utf8' });\n"
                    "<<JSON { output }>>",
                ),
            ),
            ("const { execSync } = require('child_process');",),
        ),
        Sink(
            "child_process.spawnSync-sh-c",
            "const result = spawnSync('sh', ['-c', `host ${bar}`], { encoding: 'utf8' });\n"
            "<<JSON { output: result.stdout }>>",
            "example.org",
            SERVER,
            (
                SafeForm(
                    "spawnSync-argv",
                    "const result = spawnSync('host', [bar], { encoding: 'utf8' });\n"
                    "<<JSON { output: result.stdout }>>",
                ),
                SafeForm(
                    "allow-list",
                    "if (!KNOWN_HOSTS.has(bar)) {\n  <<REJECT>>\n}\n"
                    "const result = spawnSync('sh', ['-c', `host ${bar}`], { encoding: 'utf8' });\n"
                    "<<JSON { output: result.stdout }>>",
                    prelude=(KNOWN_HOSTS,),
                ),
            ),
            ("const { spawnSync } = require('child_process');",),
        ),
        Sink(
            "util.promisify(exec)",
            "const { stdout } = await execAsync(`ping -c ${bar} 127.0.0.1`);\n"
            "<<JSON { output: stdout }>>",
            "3",
            SERVER,
            (
                SafeForm(
                    "parseInt",
                    "const count = Number.parseInt(bar, 10);\nif (Number.isNaN(count)) {\n"
                    "  <<REJECT>>\n}\n"
                    "const { stdout } = await execAsync(`ping -c ${count} 127.0.0.1`);\n"
                    "<<JSON { output: stdout }>>",
                ),
            ),
            (EXEC, "const { promisify } = require('util');"),
            ("const execAsync = promisify(exec);",),
            pname="count",
        ),
    ),
    SOURCES,
)

MYSQL = (
    "const connection = mysql.createConnection({\n  host: 'localhost',\n  user: 'shop',\n"
    "  password: process.env.DB_PASSWORD,\n  database: 'shop',\n});"
)
SQLITE = "const db = new sqlite3.Database('orders.db');"
SORTS = "const SORT_COLUMNS = new Set(['title', 'created_at', 'author']);"

SQL = TaintClass(
    "sql-injection",
    "name",
    (
        Sink(
            "mysql.query-concat",
            'connection.query(\n  "SELECT id, name, price FROM products WHERE name = \'" + bar + "\'",\n'
            "  (error, rows) => {\n    if (error) {\n      <<FAIL>>\n    }\n    <<JSON rows>>\n"
            "  },\n);",
            "widget",
            CALLBACK,
            (
                SafeForm(
                    "parameterized",
                    "connection.query(\n  'SELECT id, name, price FROM products WHERE name = ?',\n"
                    "  [bar],\n  (error, rows) => {\n    if (error) {\n      <<FAIL>>\n    }\n"
                    "    <<JSON rows>>\n  },\n);",
                ),
                SafeForm(
                    "mysql.escape",
                    "connection.query(\n  'SELECT id, name, price FROM products WHERE name = ' + "
                    "connection.escape(bar),\n  (error, rows) => {\n    if (error) {\n"
                    "      <<FAIL>>\n    }\n    <<JSON rows>>\n  },\n);",
                ),
            ),
            ("const mysql = require('mysql');",),
            (MYSQL,),
        ),
        Sink(
            "pg.query-template",
            "const result = await pool.query(\n"
            "  `SELECT id, email FROM users WHERE username = '${bar}'`,\n);\n"
            "<<JSON result.rows>>",
            "alice",
            SERVER,
            (
                SafeForm(
                    "parameterized",
                    "const result = await pool.query('SELECT id, email FROM users WHERE username "
                    "= $1', [\n  bar,\n]);\n<<JSON result.rows>>",
                ),
                SafeForm(
                    "parameterized-config",
                    "const result = await pool.query({\n"
                    "  text: 'SELECT id, email FROM users WHERE username = $1',\n"
                    "  values: [bar],\n});\n<<JSON result.rows>>",
                ),
            ),
            ("const { Pool } = require('pg');",),
            ("const pool = new Pool();",),
        ),
        Sink(
            "sqlite3.all-concat",
            "db.all('SELECT id, total FROM orders WHERE customer_id = ' + bar, (error, rows) => {\n"
            "  if (error) {\n    <<FAIL>>\n  }\n  <<JSON rows>>\n});",
            "42",
            CALLBACK,
            (
                SafeForm(
                    "parseInt",
                    "const customerId = Number.parseInt(bar, 10);\n"
                    "if (Number.isNaN(customerId)) {\n  <<REJECT>>\n}\n"
                    "db.all('SELECT id, total FROM orders WHERE customer_id = ' + customerId, "
                    "(error, rows) => {\n  if (error) {\n    <<FAIL>>\n  }\n  <<JSON rows>>\n});",
                ),
                SafeForm(
                    "parameterized",
                    "db.all('SELECT id, total FROM orders WHERE customer_id = ?', [bar], "
                    "(error, rows) => {\n  if (error) {\n    <<FAIL>>\n  }\n  <<JSON rows>>\n});",
                ),
            ),
            ("const sqlite3 = require('sqlite3');",),
            (SQLITE,),
            pname="customer",
        ),
        Sink(
            "sequelize.query-order-by",
            "const [rows] = await sequelize.query(`SELECT id, title FROM articles ORDER BY ${bar}`);"
            "\n<<JSON rows>>",
            "title",
            SERVER,
            (
                SafeForm(
                    "allow-list",
                    "if (!SORT_COLUMNS.has(bar)) {\n  <<REJECT>>\n}\n"
                    "const [rows] = await sequelize.query(`SELECT id, title FROM articles ORDER BY "
                    "${bar}`);\n<<JSON rows>>",
                    prelude=(SORTS,),
                ),
                SafeForm(
                    "map-lookup",
                    "const column = SORT_MAP.get(bar) || 'title';\n"
                    "const [rows] = await sequelize.query(`SELECT id, title FROM articles ORDER BY "
                    "${column}`);\n<<JSON rows>>",
                    prelude=(
                        "const SORT_MAP = new Map([\n  ['title', 'title'],\n"
                        "  ['date', 'created_at'],\n  ['author', 'author'],\n]);",
                    ),
                ),
            ),
            ("const { Sequelize } = require('sequelize');",),
            ("const sequelize = new Sequelize(process.env.DATABASE_URL);",),
            pname="sort",
        ),
    ),
    SOURCES,
)

ARITHMETIC = "if (!/^[\\d\\s+\\-*/().]+$/.test(bar)) {\n  <<REJECT>>\n}\n"

CODE = TaintClass(
    "code-injection",
    "expr",
    (
        Sink(
            "eval",
            "const result = eval(bar);\n<<JSON { result }>>",
            "2 + 2",
            SERVER,
            (
                SafeForm(
                    "arithmetic-regex",
                    ARITHMETIC + "const result = eval(bar);\n<<JSON { result }>>",
                ),
                SafeForm("JSON.parse", "const result = JSON.parse(bar);\n<<JSON { result }>>"),
            ),
        ),
        Sink(
            "new-Function",
            "const formula = new Function('row', 'return ' + bar + ';');\n"
            "<<JSON { result: formula({ price: 10, quantity: 3 }) }>>",
            "row.price * row.quantity",
            SERVER,
            (
                SafeForm(
                    "lookup-table",
                    "const formula = FORMULAS.get(bar);\nif (!formula) {\n  <<REJECT>>\n}\n"
                    "<<JSON { result: formula({ price: 10, quantity: 3 }) }>>",
                    prelude=(
                        "const FORMULAS = new Map([\n"
                        "  ['total', (row) => row.price * row.quantity],\n"
                        "  ['price', (row) => row.price],\n]);",
                    ),
                ),
                SafeForm(
                    "grammar-regex",
                    "if (!/^(?:row\\.(?:price|quantity)|\\d+|[\\s+\\-*/()])+$/.test(bar)) {\n"
                    "  <<REJECT>>\n}\n"
                    "const formula = new Function('row', 'return ' + bar + ';');\n"
                    "<<JSON { result: formula({ price: 10, quantity: 3 }) }>>",
                ),
            ),
            pname="formula",
        ),
        Sink(
            "vm.runInNewContext",
            "const result = vm.runInNewContext(bar, { items: [1, 2, 3] });\n<<JSON { result }>>",
            "items.length",
            SERVER,
            (
                SafeForm(
                    "parseFloat",
                    "const factor = Number.parseFloat(bar);\nif (Number.isNaN(factor)) {\n"
                    "  <<REJECT>>\n}\n"
                    "const result = vm.runInNewContext(`items.length * ${factor}`, "
                    "{ items: [1, 2, 3] });\n<<JSON { result }>>",
                ),
            ),
            ("const vm = require('vm');",),
            pname="script",
        ),
        Sink(
            "vm.Script",
            "const script = new vm.Script(bar);\n"
            "<<JSON { result: script.runInNewContext({ Math }) }>>",
            "Math.max(1, 2)",
            SERVER,
            (
                SafeForm(
                    "allow-list",
                    "if (!EXPRESSIONS.has(bar)) {\n  <<REJECT>>\n}\n"
                    "const script = new vm.Script(bar);\n"
                    "<<JSON { result: script.runInNewContext({ Math }) }>>",
                    prelude=("const EXPRESSIONS = new Set(['Math.max(1, 2)', 'Math.PI * 2']);",),
                ),
            ),
            ("const vm = require('vm');",),
        ),
    ),
    SOURCES,
)

TEMPLATE = TaintClass(
    "template-injection",
    "template",
    (
        Sink(
            "ejs.render",
            "const html = ejs.render(bar, { user: 'guest' });\n<<JSON { html }>>",
            "<p>Hello <%= user %></p>",
            SERVER,
            (
                SafeForm(
                    "input-as-data",
                    "const html = ejs.render('<p>Hello <%= user %></p>', { user: bar });\n"
                    "<<JSON { html }>>",
                ),
                SafeForm(
                    "named-template",
                    "const source = TEMPLATES.get(bar);\nif (!source) {\n  <<REJECT>>\n}\n"
                    "const html = ejs.render(source, { user: 'guest' });\n<<JSON { html }>>",
                    prelude=(
                        "const TEMPLATES = new Map([\n"
                        "  ['welcome', '<p>Welcome <%= user %></p>'],\n"
                        "  ['goodbye', '<p>Goodbye <%= user %></p>'],\n]);",
                    ),
                ),
            ),
            ("const ejs = require('ejs');",),
        ),
        Sink(
            "pug.render",
            "const html = pug.render(bar, { user: 'guest' });\n<<JSON { html }>>",
            "p Hello #{user}",
            SERVER,
            (
                SafeForm(
                    "input-as-data",
                    "const html = pug.render('p Hello #{user}', { user: bar });\n<<JSON { html }>>",
                ),
            ),
            ("const pug = require('pug');",),
        ),
        Sink(
            "handlebars.compile",
            "const render = Handlebars.compile(bar);\n<<JSON { html: render({ user: 'guest' }) }>>",
            "<p>Hello {{user}}</p>",
            SERVER,
            (
                SafeForm(
                    "input-as-data",
                    "const render = Handlebars.compile('<p>Hello {{user}}</p>');\n"
                    "<<JSON { html: render({ user: bar }) }>>",
                ),
            ),
            ("const Handlebars = require('handlebars');",),
        ),
        Sink(
            "nunjucks.renderString",
            "const html = nunjucks.renderString(bar, { user: 'guest' });\n<<JSON { html }>>",
            "<p>Hello {{ user }}</p>",
            SERVER,
            (
                SafeForm(
                    "input-as-data",
                    "const html = nunjucks.renderString('<p>Hello {{ user }}</p>', { user: bar });\n"
                    "<<JSON { html }>>",
                ),
                SafeForm(
                    "named-template-file",
                    "if (!TEMPLATE_FILES.has(bar)) {\n  <<REJECT>>\n}\n"
                    "const html = nunjucks.render(bar, { user: 'guest' });\n<<JSON { html }>>",
                    prelude=("const TEMPLATE_FILES = new Set(['welcome.njk', 'receipt.njk']);",),
                ),
            ),
            ("const nunjucks = require('nunjucks');",),
            ("nunjucks.configure('views', { autoescape: true });",),
        ),
    ),
    SOURCES,
)

BASE = "const BASE_DIR = path.join(__dirname, 'public', 'files');"
PATH_IMPORTS = ("const fs = require('fs');", "const path = require('path');")
RESOLVE_CHECK = (
    "const target = path.resolve(BASE_DIR, bar);\n"
    "if (!target.startsWith(BASE_DIR + path.sep)) {\n  <<REJECT>>\n}\n"
)

PATH = TaintClass(
    "path-traversal",
    "file",
    (
        Sink(
            "fs.readFile",
            "fs.readFile(path.join(BASE_DIR, bar), 'utf8', (error, content) => {\n"
            "  if (error) {\n    <<FAIL>>\n  }\n  <<JSON { content }>>\n});",
            "report.txt",
            CALLBACK,
            (
                SafeForm(
                    "path.basename",
                    "fs.readFile(path.join(BASE_DIR, path.basename(bar)), 'utf8', "
                    "(error, content) => {\n  if (error) {\n    <<FAIL>>\n  }\n"
                    "  <<JSON { content }>>\n});",
                ),
                SafeForm(
                    "resolve-and-check-root",
                    RESOLVE_CHECK + "fs.readFile(target, 'utf8', (error, content) => {\n"
                    "  if (error) {\n    <<FAIL>>\n  }\n  <<JSON { content }>>\n});",
                ),
            ),
            PATH_IMPORTS,
            (BASE,),
        ),
        Sink(
            "res.sendFile",
            "res.sendFile(path.join(BASE_DIR, bar));",
            "report.txt",
            EXPRESS,
            (
                SafeForm("sendFile-root-option", "res.sendFile(bar, { root: BASE_DIR });"),
                SafeForm("path.basename", "res.sendFile(path.join(BASE_DIR, path.basename(bar)));"),
            ),
            ("const path = require('path');",),
            (BASE,),
        ),
        Sink(
            "fs.promises.readFile",
            "const content = await fs.promises.readFile(BASE_DIR + '/' + bar, 'utf8');\n"
            "<<JSON { content }>>",
            "report.txt",
            SERVER,
            (
                SafeForm(
                    "allow-list",
                    "if (!PUBLIC_FILES.has(bar)) {\n  <<REJECT>>\n}\n"
                    "const content = await fs.promises.readFile(BASE_DIR + '/' + bar, 'utf8');\n"
                    "<<JSON { content }>>",
                    prelude=("const PUBLIC_FILES = new Set(['report.txt', 'summary.txt']);",),
                ),
                SafeForm(
                    "resolve-and-check-root",
                    RESOLVE_CHECK + "const content = await fs.promises.readFile(target, 'utf8');\n"
                    "<<JSON { content }>>",
                ),
            ),
            PATH_IMPORTS,
            (BASE,),
        ),
        Sink(
            "fs.promises.unlink",
            "await fs.promises.unlink(path.join(BASE_DIR, bar));\n<<JSON { deleted: true }>>",
            "old-report.txt",
            SERVER,
            (
                SafeForm(
                    "path.basename",
                    "await fs.promises.unlink(path.join(BASE_DIR, path.basename(bar)));\n"
                    "<<JSON { deleted: true }>>",
                ),
                SafeForm(
                    "resolve-and-check-root",
                    RESOLVE_CHECK + "await fs.promises.unlink(target);\n<<JSON { deleted: true }>>",
                ),
            ),
            PATH_IMPORTS,
            (BASE,),
        ),
    ),
    SOURCES,
)

ALLOWED_HOSTS = "const ALLOWED_HOSTS = new Set(['status.example.com', 'api.example.com']);"
URL_CHECK = (
    "const target = new URL(bar);\n"
    "if (target.protocol !== 'https:' || !ALLOWED_HOSTS.has(target.hostname)) {\n"
    "  <<REJECT>>\n}\n"
)

SSRF = TaintClass(
    "ssrf",
    "url",
    (
        Sink(
            "axios.get",
            "const response = await axios.get(bar, { timeout: 5000 });\n"
            "<<JSON { status: response.status }>>",
            "https://status.example.com/health",
            SERVER,
            (
                SafeForm(
                    "host-allow-list",
                    URL_CHECK
                    + "const response = await axios.get(target.href, { timeout: 5000 });\n"
                    "<<JSON { status: response.status }>>",
                    prelude=(ALLOWED_HOSTS,),
                ),
                SafeForm(
                    "fixed-host-encoded-path",
                    "const response = await axios.get(\n"
                    "  'https://status.example.com/api/services/' + encodeURIComponent(bar),\n"
                    "  { timeout: 5000 },\n);\n<<JSON { status: response.status }>>",
                ),
            ),
            ("const axios = require('axios');",),
        ),
        Sink(
            "fetch-host",
            "const response = await fetch(`http://${bar}/api/stock`);\n"
            "<<JSON { status: response.status }>>",
            "inventory.internal",
            SERVER,
            (
                SafeForm(
                    "service-map",
                    "const host = SERVICES.get(bar);\nif (!host) {\n  <<REJECT>>\n}\n"
                    "const response = await fetch(`http://${host}/api/stock`);\n"
                    "<<JSON { status: response.status }>>",
                    prelude=(
                        "const SERVICES = new Map([\n  ['inventory', 'inventory.internal'],\n"
                        "  ['pricing', 'pricing.internal'],\n]);",
                    ),
                ),
            ),
            pname="host",
        ),
        Sink(
            "https.get",
            "https\n  .get(bar, (upstream) => {\n    upstream.resume();\n"
            "    <<JSON { status: upstream.statusCode }>>\n  })\n"
            "  .on('error', () => {\n    <<FAIL>>\n  });",
            "https://partner.example.com/feed",
            CALLBACK,
            (
                SafeForm(
                    "origin-check",
                    "const target = new URL(bar);\n"
                    "if (target.origin !== 'https://partner.example.com') {\n  <<REJECT>>\n}\n"
                    "https\n  .get(target.href, (upstream) => {\n    upstream.resume();\n"
                    "    <<JSON { status: upstream.statusCode }>>\n  })\n"
                    "  .on('error', () => {\n    <<FAIL>>\n  });",
                ),
            ),
            ("const https = require('https');",),
        ),
        Sink(
            "superagent.get",
            "const response = await superagent.get(bar);\n<<JSON { status: response.status }>>",
            "https://api.example.com/v1/ping",
            SERVER,
            (
                SafeForm(
                    "host-allow-list",
                    URL_CHECK + "const response = await superagent.get(target.href);\n"
                    "<<JSON { status: response.status }>>",
                    prelude=(ALLOWED_HOSTS,),
                ),
            ),
            ("const superagent = require('superagent');",),
        ),
    ),
    SOURCES,
)

SITE = "const SITE_ORIGIN = 'https://shop.example.com';"
ALLOWED_PATHS = "const ALLOWED_PATHS = new Set(['/dashboard', '/account', '/orders']);"

REDIRECT = TaintClass(
    "open-redirect",
    "next",
    (
        Sink(
            "res.redirect",
            "res.redirect(bar);",
            "/dashboard",
            EXPRESS,
            (
                SafeForm(
                    "allow-list",
                    "res.redirect(ALLOWED_PATHS.has(bar) ? bar : '/');",
                    prelude=(ALLOWED_PATHS,),
                ),
                SafeForm(
                    "encoded-query-on-fixed-path",
                    "res.redirect('/login?next=' + encodeURIComponent(bar));",
                ),
            ),
        ),
        Sink(
            "writeHead-Location",
            "res.writeHead(302, { Location: bar });\nres.end();",
            "/dashboard",
            HTTP,
            (
                SafeForm(
                    "same-origin-check",
                    "const target = new URL(bar, SITE_ORIGIN);\n"
                    "if (target.origin !== SITE_ORIGIN) {\n  <<REJECT>>\n}\n"
                    "res.writeHead(302, { Location: target.href });\nres.end();",
                    prelude=(SITE,),
                ),
                SafeForm(
                    "map-lookup",
                    "const target = DESTINATIONS.get(bar) || '/';\n"
                    "res.writeHead(302, { Location: target });\nres.end();",
                    prelude=(
                        "const DESTINATIONS = new Map([\n  ['orders', '/orders'],\n"
                        "  ['account', '/account'],\n]);",
                    ),
                ),
            ),
        ),
        Sink(
            "ctx.redirect",
            "ctx.redirect(bar);",
            "/dashboard",
            KOA,
            (
                SafeForm(
                    "allow-list",
                    "if (!ALLOWED_PATHS.has(bar)) {\n  <<REJECT>>\n}\nctx.redirect(bar);",
                    prelude=(ALLOWED_PATHS,),
                ),
                SafeForm(
                    "same-origin-check",
                    "const target = new URL(bar, SITE_ORIGIN);\n"
                    "if (target.origin !== SITE_ORIGIN) {\n  <<REJECT>>\n}\nctx.redirect(target.href);",
                    prelude=(SITE,),
                ),
            ),
        ),
        Sink(
            "res.location",
            "res.location(bar).sendStatus(303);",
            "/orders",
            EXPRESS,
            (
                SafeForm(
                    "same-origin-check",
                    "const target = new URL(bar, SITE_ORIGIN);\n"
                    "if (target.origin !== SITE_ORIGIN) {\n  <<REJECT>>\n}\n"
                    "res.location(target.href).sendStatus(303);",
                    prelude=(SITE,),
                ),
            ),
        ),
        Sink(
            "location.assign",
            "window.location.assign(bar);",
            "/orders",
            DOM,
            (
                SafeForm(
                    "same-origin-check",
                    "const target = new URL(bar, window.location.origin);\n"
                    "if (target.origin !== window.location.origin) {\n  <<REJECT>>\n}\n"
                    "window.location.assign(target.href);",
                ),
                SafeForm(
                    "allow-list",
                    "if (!ALLOWED_PATHS.has(bar)) {\n  <<REJECT>>\n}\nwindow.location.assign(bar);",
                    prelude=(ALLOWED_PATHS,),
                ),
            ),
        ),
    ),
    SOURCES,
)

ESCAPE_HTML = "const escapeHtml = require('escape-html');"
ESCAPE_FN = (
    "function escapeHtml(text) {\n  return String(text)\n    .replace(/&/g, '&amp;')\n"
    "    .replace(/</g, '&lt;')\n    .replace(/>/g, '&gt;')\n    .replace(/\"/g, '&quot;')\n"
    "    .replace(/'/g, '&#39;');\n}"
)

XSS = TaintClass(
    "xss",
    "name",
    (
        Sink(
            "html-response-concat",
            "<<HTML '<h1>Hello ' + bar + '</h1>'>>",
            "guest",
            SERVER,
            (
                SafeForm(
                    "escape-html",
                    "<<HTML '<h1>Hello ' + escapeHtml(bar) + '</h1>'>>",
                    (ESCAPE_HTML,),
                ),
                SafeForm(
                    "he.encode",
                    "<<HTML '<h1>Hello ' + he.encode(bar) + '</h1>'>>",
                    ("const he = require('he');",),
                ),
            ),
        ),
        Sink(
            "html-response-template",
            "<<HTML `<p>Search results for <b>${bar}</b></p>`>>",
            "shoes",
            SERVER,
            (
                SafeForm(
                    "validator.escape",
                    "<<HTML `<p>Search results for <b>${validator.escape(bar)}</b></p>`>>",
                    ("const validator = require('validator');",),
                ),
                SafeForm(
                    "escape-html",
                    "<<HTML `<p>Search results for <b>${escapeHtml(bar)}</b></p>`>>",
                    (ESCAPE_HTML,),
                ),
            ),
            pname="q",
        ),
        Sink(
            "res.write",
            "res.setHeader('Content-Type', 'text/html; charset=utf-8');\n"
            "res.write('<a href=\"/items?page=' + bar + '\">Next page</a>');\nres.end();",
            "2",
            CALLBACK,
            (
                SafeForm(
                    "parseInt",
                    "const page = Number.parseInt(bar, 10) || 1;\n"
                    "res.setHeader('Content-Type', 'text/html; charset=utf-8');\n"
                    "res.write('<a href=\"/items?page=' + page + '\">Next page</a>');\nres.end();",
                ),
                SafeForm(
                    "escape-html",
                    "res.setHeader('Content-Type', 'text/html; charset=utf-8');\n"
                    "res.write('<a href=\"/items?page=' + escapeHtml(bar) + '\">Next page</a>');\n"
                    "res.end();",
                    (ESCAPE_HTML,),
                ),
            ),
            pname="page",
        ),
        Sink(
            "innerHTML",
            "document.getElementById('greeting').innerHTML = 'Welcome back, ' + bar;",
            "guest",
            DOM,
            (
                SafeForm(
                    "textContent",
                    "document.getElementById('greeting').textContent = 'Welcome back, ' + bar;",
                ),
                SafeForm(
                    "createTextNode",
                    "document\n  .getElementById('greeting')\n"
                    "  .appendChild(document.createTextNode('Welcome back, ' + bar));",
                ),
            ),
        ),
        Sink(
            "document.write",
            "document.write('<p>Shared by ' + bar + '</p>');",
            "a friend",
            DOM,
            (
                SafeForm(
                    "escape-function",
                    "document.write('<p>Shared by ' + escapeHtml(bar) + '</p>');",
                    prelude=(ESCAPE_FN,),
                ),
            ),
        ),
    ),
    SOURCES,
)

DESERIALIZATION = TaintClass(
    "deserialization",
    "profile",
    (
        Sink(
            "node-serialize.unserialize",
            "const profile = serialize.unserialize(Buffer.from(bar, 'base64').toString('utf8'));\n"
            "<<JSON { theme: profile.theme }>>",
            "eyJ0aGVtZSI6ImRhcmsifQ==",
            SERVER,
            (
                SafeForm(
                    "JSON.parse",
                    "const profile = JSON.parse(Buffer.from(bar, 'base64').toString('utf8'));\n"
                    "<<JSON { theme: profile.theme }>>",
                ),
            ),
            ("const serialize = require('node-serialize');",),
        ),
        Sink(
            "js-yaml.load-full-schema",
            "const settings = yaml.load(bar, { schema: yaml.DEFAULT_FULL_SCHEMA });\n"
            "<<JSON { keys: Object.keys(settings) }>>",
            "theme: dark",
            SERVER,
            (
                SafeForm(
                    "json-schema",
                    "const settings = yaml.load(bar, { schema: yaml.JSON_SCHEMA });\n"
                    "<<JSON { keys: Object.keys(settings) }>>",
                ),
                SafeForm(
                    "safeLoad",
                    "const settings = yaml.safeLoad(bar);\n<<JSON { keys: Object.keys(settings) }>>",
                ),
            ),
            ("const yaml = require('js-yaml');",),
            pname="settings",
        ),
        Sink(
            "funcster.deepDeserialize",
            "const widget = funcster.deepDeserialize(JSON.parse(bar));\n"
            "<<JSON { keys: Object.keys(widget) }>>",
            '{"title":"Sales"}',
            SERVER,
            (
                SafeForm(
                    "JSON.parse",
                    "const widget = JSON.parse(bar);\n<<JSON { keys: Object.keys(widget) }>>",
                ),
            ),
            ("const funcster = require('funcster');",),
            pname="widget",
        ),
        Sink(
            "cryo.parse",
            "const state = Cryo.parse(bar);\n<<JSON { keys: Object.keys(state) }>>",
            '{"root":"_CRYO_REF_0"}',
            SERVER,
            (
                SafeForm(
                    "JSON.parse",
                    "const state = JSON.parse(bar);\n<<JSON { keys: Object.keys(state) }>>",
                ),
            ),
            ("const Cryo = require('cryo');",),
            pname="state",
        ),
    ),
    SOURCES,
)

USERNAME_RE = "if (!/^[a-zA-Z0-9_]{3,32}$/.test(bar)) {\n  <<REJECT>>\n}\n"

TRUST = TaintClass(
    "trust-boundary",
    "user",
    (
        Sink(
            "req.session-attribute",
            "req.session.username = bar;\n<<JSON { saved: true }>>",
            "guest",
            EXPRESS,
            (
                SafeForm(
                    "username-regex",
                    USERNAME_RE + "req.session.username = bar;\n<<JSON { saved: true }>>",
                ),
            ),
        ),
        Sink(
            "req.session-object",
            "req.session.preferences = { language: bar };\n<<JSON { saved: true }>>",
            "en",
            EXPRESS,
            (
                SafeForm(
                    "allow-list",
                    "if (!LANGUAGES.has(bar)) {\n  <<REJECT>>\n}\n"
                    "req.session.preferences = { language: bar };\n<<JSON { saved: true }>>",
                    prelude=("const LANGUAGES = new Set(['en', 'de', 'fr', 'es']);",),
                ),
            ),
            pname="lang",
        ),
        Sink(
            "ctx.session",
            "ctx.session.cartId = bar;\n<<JSON { saved: true }>>",
            "1001",
            KOA,
            (
                SafeForm(
                    "parseInt",
                    "const cartId = Number.parseInt(bar, 10);\nif (Number.isNaN(cartId)) {\n"
                    "  <<REJECT>>\n}\nctx.session.cartId = cartId;\n<<JSON { saved: true }>>",
                ),
            ),
            pname="cart",
        ),
        Sink(
            "req.session-role",
            "req.session.role = bar;\n<<JSON { saved: true }>>",
            "viewer",
            EXPRESS,
            (
                SafeForm(
                    "allow-list",
                    "if (!SELF_SERVICE_ROLES.has(bar)) {\n  <<REJECT>>\n}\n"
                    "req.session.role = bar;\n<<JSON { saved: true }>>",
                    prelude=("const SELF_SERVICE_ROLES = new Set(['viewer', 'commenter']);",),
                ),
            ),
            pname="role",
        ),
    ),
    SOURCES,
)

CLASSES: tuple[TaintClass, ...] = (
    COMMAND,
    SQL,
    CODE,
    TEMPLATE,
    PATH,
    SSRF,
    REDIRECT,
    XSS,
    DESERIALIZATION,
    TRUST,
)
