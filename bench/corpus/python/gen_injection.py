"""Scenarios of the injection classes: command, SQL, code, LDAP, XPath and template injection."""

from __future__ import annotations

from gen_model import Safe, Scenario, ok, refuse

HOST_RE = r'r"[A-Za-z0-9][A-Za-z0-9.-]{0,252}"'


def _regex_check(pattern: str, what: str) -> Safe:
    return Safe(
        "regex",
        imports=("re",),
        check=lambda fw, v: [
            f"if not re.fullmatch({pattern}, {v}):",
            "    " + refuse(fw, f"invalid {what}"),
        ],
    )


def _quote() -> Safe:
    return Safe("shlex.quote", imports=("shlex",), wrap="{var} = shlex.quote({v})")


# --- command injection ------------------------------------------------------------------------

COMMAND = (
    Scenario(
        "os.system",
        "/diagnostics/ping",
        "ping",
        "host",
        "host",
        "ping -c 1 {}",
        "command",
        lambda fw, p: [f"status = os.system({p})", ok(fw, '{"exit_code": status}')],
        '"example.com"',
        ("example.com", "example.org"),
        ("os",),
        doc="Network diagnostics: ping a host from the server.",
        safe=(
            _quote(),
            Safe(
                "subprocess.run[list]",
                imports=("subprocess",),
                sink=lambda fw, v: [
                    f'result = subprocess.run(["ping", "-c", "1", "--", {v}], check=False)',
                    ok(fw, '{"exit_code": result.returncode}'),
                ],
            ),
            _regex_check(HOST_RE, "host"),
        ),
    ),
    Scenario(
        "os.popen",
        "/diagnostics/lookup",
        "lookup",
        "domain",
        "domain",
        "nslookup {}",
        "command",
        lambda fw, p: [f"output = os.popen({p}).read()", ok(fw, '{"output": output}')],
        '"example.org"',
        ("example.org", "example.net"),
        ("os",),
        doc="DNS lookups for the support team.",
        safe=(
            Safe(
                "subprocess.check_output[list]",
                imports=("subprocess",),
                sink=lambda fw, v: [
                    f'output = subprocess.check_output(["nslookup", {v}], text=True)',
                    ok(fw, '{"output": output}'),
                ],
            ),
            _quote(),
        ),
    ),
    Scenario(
        "subprocess.run[shell]",
        "/backups/archive",
        "archive_folder",
        "folder",
        "folder",
        "tar -czf /var/backups/site.tgz -C /srv/site {}",
        "command",
        lambda fw, p: [
            f"subprocess.run({p}, shell=True, check=True)",
            ok(fw, '{"status": "archived"}'),
        ],
        '"uploads"',
        ("uploads", "media", "static"),
        ("subprocess",),
        doc="Archive a folder of the site into the nightly backup.",
        safe=(
            Safe(
                "subprocess.run[list]",
                imports=("subprocess",),
                sink=lambda fw, v: [
                    "subprocess.run(",
                    f'    ["tar", "-czf", "/var/backups/site.tgz", "-C", "/srv/site", "--", {v}],',
                    "    check=True,",
                    ")",
                    ok(fw, '{"status": "archived"}'),
                ],
            ),
            _quote(),
        ),
    ),
    Scenario(
        "subprocess.check_output[shell]",
        "/repository/log",
        "branch_log",
        "branch",
        "branch",
        "git log --oneline -n 20 {}",
        "command",
        lambda fw, p: [
            f"output = subprocess.check_output({p}, shell=True, text=True)",
            ok(fw, '{"commits": output.splitlines()}'),
        ],
        '"main"',
        ("main", "develop"),
        ("subprocess",),
        doc="Recent commits of a branch of the deployed repository.",
        safe=(
            _quote(),
            Safe(
                "subprocess.check_output[list]",
                imports=("subprocess",),
                sink=lambda fw, v: [
                    "output = subprocess.check_output(",
                    f'    ["git", "log", "--oneline", "-n", "20", {v}, "--"], text=True',
                    ")",
                    ok(fw, '{"commits": output.splitlines()}'),
                ],
            ),
            _regex_check(r'r"[A-Za-z0-9][A-Za-z0-9._/-]{0,99}"', "branch"),
        ),
    ),
    Scenario(
        "subprocess.Popen[shell]",
        "/tools/whois",
        "whois",
        "domain",
        "domain",
        "whois {}",
        "command",
        lambda fw, p: [
            f"process = subprocess.Popen({p}, shell=True, stdout=subprocess.PIPE, text=True)",
            "output, _ = process.communicate()",
            ok(fw, '{"whois": output}'),
        ],
        '"example.com"',
        ("example.com", "example.net"),
        ("subprocess",),
        doc="Whois records for the domains our customers register.",
        safe=(
            Safe(
                "subprocess.Popen[list]",
                imports=("subprocess",),
                sink=lambda fw, v: [
                    f'process = subprocess.Popen(["whois", "--", {v}], stdout=subprocess.PIPE, '
                    "text=True)",
                    "output, _ = process.communicate()",
                    ok(fw, '{"whois": output}'),
                ],
            ),
            _regex_check(HOST_RE, "domain"),
        ),
    ),
    Scenario(
        "subprocess.call[sh -c]",
        "/tools/traceroute",
        "traceroute",
        "target",
        "target",
        "traceroute -m 10 {}",
        "command",
        lambda fw, p: [
            f'code = subprocess.call(["/bin/sh", "-c", {p}])',
            ok(fw, '{"exit_code": code}'),
        ],
        '"example.net"',
        ("example.net", "example.org"),
        ("subprocess",),
        doc="Trace the route to a target for the network team.",
        safe=(
            _quote(),
            Safe(
                "subprocess.call[list]",
                imports=("subprocess",),
                sink=lambda fw, v: [
                    f'code = subprocess.call(["traceroute", "-m", "10", "--", {v}])',
                    ok(fw, '{"exit_code": code}'),
                ],
            ),
        ),
    ),
    Scenario(
        "subprocess.getoutput",
        "/tools/dig",
        "dig",
        "name",
        "name",
        "dig +short {}",
        "command",
        lambda fw, p: [f"answer = subprocess.getoutput({p})", ok(fw, '{"answer": answer}')],
        '"example.com"',
        ("example.com", "example.org"),
        ("subprocess",),
        doc="Resolve a name with dig.",
        safe=(
            _quote(),
            _regex_check(HOST_RE, "name"),
        ),
    ),
    Scenario(
        "asyncio.create_subprocess_shell",
        "/tools/host",
        "resolve",
        "hostname",
        "hostname",
        "host {}",
        "command",
        lambda fw, p: [
            f"process = await asyncio.create_subprocess_shell({p}, stdout=asyncio.subprocess.PIPE)",
            "output, _ = await process.communicate()",
            ok(fw, '{"answer": output.decode()}'),
        ],
        '"example.com"',
        ("example.com", "example.org"),
        ("asyncio",),
        frameworks=("fastapi",),
        needs_async=True,
        doc="Asynchronous name resolution endpoint.",
        safe=(
            Safe(
                "asyncio.create_subprocess_exec",
                imports=("asyncio",),
                sink=lambda fw, v: [
                    "process = await asyncio.create_subprocess_exec(",
                    f'    "host", "--", {v}, stdout=asyncio.subprocess.PIPE',
                    ")",
                    "output, _ = await process.communicate()",
                    ok(fw, '{"answer": output.decode()}'),
                ],
            ),
            _quote(),
        ),
    ),
)

# --- SQL injection ----------------------------------------------------------------------------


def _sqlite(call: str, result: str) -> list[str]:
    return [
        'conn = sqlite3.connect("app.db")',
        *call.splitlines(),
        "conn.close()",
        result,
    ]


def _param(sql: str, call: str, fw: str, v: str, result: str) -> list[str]:
    return _sqlite(call.format(sql=sql, v=v), ok(fw, result))


SQLALCHEMY_SETUP = ('engine = create_engine(os.environ["DATABASE_URL"])',)

SQL = (
    Scenario(
        "sqlite3.cursor.execute",
        "/users/search",
        "search_users",
        "name",
        "name",
        "SELECT id, name, email FROM users WHERE name = '{}'",
        "query",
        lambda fw, p: _sqlite(
            f"cursor = conn.cursor()\ncursor.execute({p})\nrows = cursor.fetchall()",
            ok(fw, '{"users": rows}'),
        ),
        '"admin"',
        ("admin", "support"),
        ("sqlite3",),
        doc="User directory search.",
        safe=(
            Safe(
                "parameterized",
                sink=lambda fw, v: _param(
                    '"SELECT id, name, email FROM users WHERE name = ?"',
                    "cursor = conn.cursor()\n"
                    "cursor.execute({sql}, ({v},))\n"
                    "rows = cursor.fetchall()",
                    fw,
                    v,
                    '{"users": rows}',
                ),
            ),
        ),
    ),
    Scenario(
        "sqlite3.connection.execute",
        "/orders/detail",
        "order_detail",
        "order_id",
        "order_id",
        "SELECT id, total, status FROM orders WHERE id = {}",
        "query",
        lambda fw, p: _sqlite(f"row = conn.execute({p}).fetchone()", ok(fw, '{"order": row}')),
        '"1"',
        ("1", "2", "3"),
        ("sqlite3",),
        builders=("fstring", "percent", "format"),
        doc="Order details for the customer portal.",
        safe=(
            Safe("int", wrap="{var} = int({v})"),
            Safe(
                "parameterized",
                sink=lambda fw, v: _param(
                    '"SELECT id, total, status FROM orders WHERE id = ?"',
                    "row = conn.execute({sql}, ({v},)).fetchone()",
                    fw,
                    v,
                    '{"order": row}',
                ),
            ),
        ),
    ),
    Scenario(
        "sqlite3.executescript",
        "/admin/tags",
        "add_tag",
        "tag",
        "tag",
        "INSERT INTO tags (label) VALUES ('{}');",
        "statement",
        lambda fw, p: _sqlite(
            f"conn.executescript({p})\nconn.commit()", ok(fw, '{"status": "created"}')
        ),
        '"news"',
        ("news", "release", "security"),
        ("sqlite3",),
        doc="Tags for the blog.",
        safe=(
            Safe(
                "parameterized",
                sink=lambda fw, v: _param(
                    '"INSERT INTO tags (label) VALUES (?)"',
                    "conn.execute({sql}, ({v},))\nconn.commit()",
                    fw,
                    v,
                    '{"status": "created"}',
                ),
            ),
        ),
    ),
    Scenario(
        "sqlalchemy.text",
        "/articles/by-author",
        "articles_by_author",
        "author",
        "author",
        "SELECT id, title FROM articles WHERE author = '{}'",
        "query",
        lambda fw, p: [
            "with engine.connect() as conn:",
            f"    rows = conn.execute(text({p})).fetchall()",
            ok(fw, '{"articles": [list(row) for row in rows]}'),
        ],
        '"editorial"',
        ("editorial", "guest"),
        ("sqlalchemy:create_engine", "sqlalchemy:text"),
        module=SQLALCHEMY_SETUP,
        doc="Articles of one author.",
        safe=(
            Safe(
                "parameterized",
                sink=lambda fw, v: [
                    'query = text("SELECT id, title FROM articles WHERE author = :author")',
                    "with engine.connect() as conn:",
                    f'    rows = conn.execute(query, {{"author": {v}}}).fetchall()',
                    ok(fw, '{"articles": [list(row) for row in rows]}'),
                ],
            ),
        ),
    ),
    Scenario(
        "sqlalchemy.exec_driver_sql",
        "/sessions/revoke",
        "revoke_sessions",
        "user_name",
        "user_name",
        "DELETE FROM sessions WHERE user_name = '{}'",
        "statement",
        lambda fw, p: [
            "with engine.begin() as conn:",
            f"    conn.exec_driver_sql({p})",
            ok(fw, '{"status": "revoked"}'),
        ],
        '"guest"',
        ("guest", "demo"),
        ("sqlalchemy:create_engine",),
        module=SQLALCHEMY_SETUP,
        doc="Revoke every session of a user.",
        safe=(
            Safe(
                "parameterized",
                imports=("sqlalchemy:text",),
                sink=lambda fw, v: [
                    "with engine.begin() as conn:",
                    "    conn.execute(",
                    '        text("DELETE FROM sessions WHERE user_name = :name"), '  # noqa: S608
                    f'{{"name": {v}}}',
                    "    )",
                    ok(fw, '{"status": "revoked"}'),
                ],
            ),
        ),
    ),
    Scenario(
        "django.raw",
        "/products",
        "products_in_category",
        "category",
        "category",
        "SELECT * FROM shop_product WHERE category = '{}'",
        "query",
        lambda fw, p: [
            f"products = Product.objects.raw({p})",
            ok(fw, '{"products": [product.name for product in products]}'),
        ],
        '"books"',
        ("books", "music", "games"),
        ("shop.models:Product",),
        frameworks=("django",),
        doc="Products of a category.",
        safe=(
            Safe(
                "parameterized",
                sink=lambda fw, v: [
                    "products = Product.objects.raw(",
                    f'    "SELECT * FROM shop_product WHERE category = %s", [{v}]',  # noqa: S608 (program text)
                    ")",
                    ok(fw, '{"products": [product.name for product in products]}'),
                ],
            ),
        ),
    ),
    Scenario(
        "django.cursor.execute",
        "/accounts/lookup",
        "account_by_email",
        "email",
        "email",
        "SELECT username FROM auth_user WHERE email = '{}'",
        "query",
        lambda fw, p: [
            "with connection.cursor() as cursor:",
            f"    cursor.execute({p})",
            "    rows = cursor.fetchall()",
            ok(fw, '{"usernames": [row[0] for row in rows]}'),
        ],
        '"support@example.com"',
        ("support@example.com", "sales@example.com"),
        ("django.db:connection",),
        frameworks=("django",),
        doc="Find the account of an e-mail address.",
        safe=(
            Safe(
                "parameterized",
                sink=lambda fw, v: [
                    "with connection.cursor() as cursor:",
                    f'    cursor.execute("SELECT username FROM auth_user WHERE email = %s", [{v}])',  # noqa: S608 (program text)
                    "    rows = cursor.fetchall()",
                    ok(fw, '{"usernames": [row[0] for row in rows]}'),
                ],
            ),
        ),
    ),
    Scenario(
        "django.extra",
        "/products/sku",
        "product_by_sku",
        "sku",
        "sku",
        "sku = '{}'",
        "clause",
        lambda fw, p: [
            f"products = Product.objects.extra(where=[{p}])",
            ok(fw, '{"products": [product.name for product in products]}'),
        ],
        '"SKU-1000"',
        ("SKU-1000", "SKU-2000"),
        ("shop.models:Product",),
        frameworks=("django",),
        doc="Products by stock-keeping unit.",
        safe=(
            Safe(
                "orm.filter",
                sink=lambda fw, v: [
                    f"products = Product.objects.filter(sku={v})",
                    ok(fw, '{"products": [product.name for product in products]}'),
                ],
            ),
        ),
    ),
    Scenario(
        "sqlite3.order_by",
        "/reports/sales",
        "sales_report",
        "sort",
        "sort",
        "SELECT region, total FROM sales ORDER BY {}",
        "query",
        lambda fw, p: _sqlite(f"rows = conn.execute({p}).fetchall()", ok(fw, '{"rows": rows}')),
        '"region"',
        ("region", "total"),
        ("sqlite3",),
        doc="Sales report, sorted by a column of the reader's choice.",
        safe=(
            Safe(
                "mapped",
                module=('SORT_COLUMNS = {"region": "region", "total": "total DESC"}',),
                wrap='{var} = SORT_COLUMNS.get({v}, "region")',
            ),
        ),
    ),
    Scenario(
        "psycopg2.cursor.execute",
        "/invoices",
        "invoices_of_customer",
        "customer",
        "customer",
        "SELECT number, amount FROM invoices WHERE customer = '{}'",
        "query",
        lambda fw, p: [
            'conn = psycopg2.connect(os.environ["DATABASE_URL"])',
            "with conn, conn.cursor() as cursor:",
            f"    cursor.execute({p})",
            "    rows = cursor.fetchall()",
            ok(fw, '{"invoices": rows}'),
        ],
        '"ACME"',
        ("ACME", "Globex"),
        ("psycopg2", "os"),
        frameworks=("flask", "fastapi"),
        doc="Invoices of a customer.",
        safe=(
            Safe(
                "parameterized",
                sink=lambda fw, v: [
                    'conn = psycopg2.connect(os.environ["DATABASE_URL"])',
                    "with conn, conn.cursor() as cursor:",
                    "    cursor.execute(",
                    f'        "SELECT number, amount FROM invoices WHERE customer = %s", ({v},)',  # noqa: S608 (program text)
                    "    )",
                    "    rows = cursor.fetchall()",
                    ok(fw, '{"invoices": rows}'),
                ],
            ),
        ),
    ),
)

# --- code injection ---------------------------------------------------------------------------

CODE = (
    Scenario(
        "eval",
        "/calculator",
        "calculate",
        "expression",
        "expression",
        None,
        "expression",
        lambda fw, p: [f"result = eval({p})", ok(fw, '{"result": str(result)}')],
        '"6 * 7"',
        ("1 + 1", "6 * 7"),
        doc="A calculator for the pricing page.",
        safe=(
            Safe(
                "ast.literal_eval",
                imports=("ast",),
                sink=lambda fw, v: [
                    f"result = ast.literal_eval({v})",
                    ok(fw, '{"result": str(result)}'),
                ],
            ),
        ),
    ),
    Scenario(
        "exec",
        "/rules/evaluate",
        "evaluate_rule",
        "rule",
        "rule",
        "result = {}",
        "source",
        lambda fw, p: [
            "scope: dict = {}",
            f"exec({p}, scope)",
            ok(fw, '{"result": str(scope.get("result"))}'),
        ],
        '"True"',
        ("True", "False"),
        builders=("fstring", "percent", "format", "concat"),
        doc="Evaluate a business rule.",
        safe=(
            Safe(
                "ast.literal_eval",
                imports=("ast",),
                sink=lambda fw, v: [
                    f"result = ast.literal_eval({v})",
                    ok(fw, '{"result": str(result)}'),
                ],
            ),
        ),
    ),
    Scenario(
        "eval(compile)",
        "/pricing/quote",
        "quote",
        "amount",
        "amount",
        "{} * 1.2",
        "formula",
        lambda fw, p: [
            f'code = compile({p}, "<quote>", "eval")',
            "total = eval(code)",
            ok(fw, '{"total": total}'),
        ],
        '"100"',
        ("100", "250"),
        builders=("fstring", "percent", "format"),
        doc="A price quote with tax.",
        safe=(Safe("float", wrap="{var} = float({v})"),),
    ),
    Scenario(
        "eval[list]",
        "/items/batch",
        "batch_items",
        "ids",
        "ids",
        "[{}]",
        "literal",
        lambda fw, p: [f"ids = eval({p})", ok(fw, '{"count": len(ids)}')],
        '"1, 2, 3"',
        ("1", "1, 2"),
        builders=("fstring", "percent", "format", "concat"),
        doc="Fetch a batch of items by id.",
        safe=(
            Safe(
                "int[split]",
                sink=lambda fw, v: [
                    f'ids = [int(part) for part in {v}.split(",")]',
                    ok(fw, '{"count": len(ids)}'),
                ],
            ),
            Safe(
                "json.loads",
                imports=("json",),
                sink=lambda fw, v: [
                    f'ids = json.loads("[" + {v} + "]")',
                    ok(fw, '{"count": len(ids)}'),
                ],
            ),
        ),
    ),
    Scenario(
        "exec[import]",
        "/plugins/load",
        "load_plugin",
        "plugin",
        "plugin",
        "import {}",
        "statement",
        lambda fw, p: [f"exec({p})", ok(fw, '{"status": "loaded"}')],
        '"json"',
        ("json", "csv"),
        builders=("fstring", "concat", "format", "percent"),
        doc="Load an optional export plugin.",
    ),
    Scenario(
        "eval[lambda]",
        "/rows/sorted",
        "sorted_rows",
        "key",
        "key",
        "lambda row: row.{}",
        "selector",
        lambda fw, p: [
            f"rows = sorted(ROWS, key=eval({p}))",
            ok(fw, '{"rows": [row.name for row in rows]}'),
        ],
        '"name"',
        ("name", "size"),
        module=(
            "ROWS = [",
            '    SimpleNamespace(name="alpha", size=3),',
            '    SimpleNamespace(name="beta", size=1),',
            "]",
        ),
        imports=("types:SimpleNamespace",),
        builders=("fstring", "concat", "format", "percent"),
        doc="A table sorted by a column.",
        safe=(
            Safe(
                "operator.attrgetter",
                imports=("operator:attrgetter",),
                sink=lambda fw, v: [
                    f"rows = sorted(ROWS, key=attrgetter({v}))",
                    ok(fw, '{"rows": [row.name for row in rows]}'),
                ],
            ),
        ),
    ),
    Scenario(
        "exec(compile)",
        "/snippets/run",
        "run_snippet",
        "snippet",
        "snippet",
        None,
        "snippet",
        lambda fw, p: [
            f'code = compile({p}, "<snippet>", "exec")',
            "namespace: dict = {}",
            "exec(code, namespace)",
            ok(fw, '{"names": sorted(namespace)}'),
        ],
        '"answer = 42"',
        ("answer = 42",),
        doc="Run a saved snippet of the tutorial.",
    ),
)
