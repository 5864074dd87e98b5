"""Go skeletons, sources and flows for the generated corpus (net/http and gin).

Imports are found from the code: a ``pkg.Name`` use of a package whose name is unambiguous adds
its import; a code line ``#import path`` names the others (math/rand against crypto/rand,
text/template against html/template, database drivers) and is dropped from the program.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from casegen import Flow, Program, Source, expand_tokens, indent, source_code

HTTP = frozenset({"http"})
GIN = frozenset({"gin"})
BOTH = frozenset({"http", "gin"})

PACKAGES = {
    "base64": "encoding/base64",
    "bcrypt": "golang.org/x/crypto/bcrypt",
    "argon2": "golang.org/x/crypto/argon2",
    "pbkdf2": "golang.org/x/crypto/pbkdf2",
    "scrypt": "golang.org/x/crypto/scrypt",
    "big": "math/big",
    "context": "context",
    "exec": "os/exec",
    "filepath": "path/filepath",
    "fmt": "fmt",
    "gin": "github.com/gin-gonic/gin",
    "hex": "encoding/hex",
    "hmac": "crypto/hmac",
    "html": "html",
    "http": "net/http",
    "io": "io",
    "json": "encoding/json",
    "log": "log",
    "md5": "crypto/md5",
    "os": "os",
    "regexp": "regexp",
    "sessions": "github.com/gorilla/sessions",
    "sha1": "crypto/sha1",
    "sha256": "crypto/sha256",
    "sql": "database/sql",
    "strconv": "strconv",
    "strings": "strings",
    "subtle": "crypto/subtle",
    "time": "time",
    "url": "net/url",
}
_USE = re.compile(r"(?<![\w.\"])([a-z][a-z0-9]*)\.[A-Z]")

SOURCES: tuple[Source, ...] = (
    Source("r.URL.Query", "http", 'param := r.URL.Query().Get("PNAME")'),
    Source("r.FormValue", "http", 'param := r.FormValue("PNAME")', method="POST"),
    Source("c.Query", "gin", 'param := c.Query("PNAME")'),
    Source("r.Header.Get", "http", 'param := r.Header.Get("X-PNAME")'),
    Source(
        "r.Cookie",
        "http",
        'cookie, err := r.Cookie("PNAME")\nif err != nil {\n\t<<REJECT>>\n}\nparam := cookie.Value',
    ),
    Source("c.Param", "gin", 'param := c.Param("PNAME")', route_param=True),
    Source("r.PathValue", "http", 'param := r.PathValue("PNAME")', route_param=True),
    Source("c.PostForm", "gin", 'param := c.PostForm("PNAME")', method="POST"),
    Source("r.PostFormValue", "http", 'param := r.PostFormValue("PNAME")', method="POST"),
    Source("c.GetHeader", "gin", 'param := c.GetHeader("X-PNAME")'),
    Source(
        "c.Cookie",
        "gin",
        'param, err := c.Cookie("PNAME")\nif err != nil {\n\t<<REJECT>>\n}',
    ),
    Source("c.DefaultQuery", "gin", 'param := c.DefaultQuery("PNAME", "")'),
)


def quote(value: str) -> str:
    return json.dumps(value)


def make_flow(kind: str, const: str) -> Flow:
    c = quote(const)
    helper = (
        "func normalize(value string) string {\n"
        '\treturn strings.Join(strings.Fields(value), " ")\n}'
    )
    flows = {
        "direct": Flow("bar := param"),
        "string-method": Flow("bar := strings.TrimSpace(param)"),
        "helper": Flow("bar := normalize(param)", helpers=(helper,)),
        "ternary": Flow(
            'num := 106\nbar := param\nif (7*42)-num > 200 {\n\tbar = "This should never happen"\n}'
        ),
        "dead-branch": Flow(f"num := 106\nbar := param\nif (7*18)+num > 200 {{\n\tbar = {c}\n}}"),
        "collection": Flow(
            f'values := []string{{"safe", param, {c}}}\nvalues = values[1:]\nbar := values[0]'
        ),
        "collection-constant": Flow(
            f'values := []string{{"safe", param, {c}}}\nvalues = values[1:]\nbar := values[1]'
        ),
        "map": Flow(
            f'lookup := map[string]string{{"keyA": {c}, "keyB": param}}\nbar := lookup["keyB"]'
        ),
        "builder": Flow("var sb strings.Builder\nsb.WriteString(param)\nbar := sb.String()"),
        "reassign": Flow(f"bar := {c}\nbar = param"),
        "overwrite": Flow(f"bar := param\nbar = {c}"),
        "constant": Flow(
            f'log.Printf("ignoring a client value of %d bytes", len(param))\nbar := {c}'
        ),
    }
    return flows[kind]


def _expand(framework: str, name: str, arg: str) -> Sequence[str]:
    if framework == "gin":
        return {
            "JSON": [f'c.JSON(http.StatusOK, gin.H{{"result": {arg}}})'],
            "REJECT": ['c.String(http.StatusBadRequest, "invalid input")', "return"],
            "FAIL": ['c.String(http.StatusInternalServerError, "internal error")', "return"],
        }[name]
    return {
        "JSON": [
            'w.Header().Set("Content-Type", "application/json")',
            f'json.NewEncoder(w).Encode(map[string]any{{"result": {arg}}})',
        ],
        "REJECT": ['http.Error(w, "invalid input", http.StatusBadRequest)', "return"],
        "FAIL": ['http.Error(w, "internal error", http.StatusInternalServerError)', "return"],
    }[name]


def _imports(code: str, explicit: Sequence[str]) -> list[str]:
    paths = set(explicit)
    stripped = re.sub(r'"(?:[^"\\\n]|\\.)*"|`[^`]*`', '""', code)
    for name in _USE.findall(stripped):
        if name in PACKAGES:
            paths.add(PACKAGES[name])
    std = sorted(p for p in paths if "." not in p.split("/")[0] and not p.startswith("_"))
    other = sorted(p for p in paths if p not in std)
    lines = [f'\t"{p}"' if not p.startswith("_ ") else f"\t{p}" for p in std]
    if other:
        lines.append("")
        lines.extend(f'\t"{p}"' if not p.startswith("_ ") else f"\t{p}" for p in other)
    return lines


def _split_directives(code: str) -> tuple[str, list[str]]:
    kept, imports = [], []
    for line in code.splitlines():
        stripped = line.strip()
        if stripped.startswith("#import "):
            imports.append(stripped.removeprefix("#import "))
        else:
            kept.append(line)
    return "\n".join(kept), imports


def write(prog: Program) -> tuple[str, str]:
    framework = prog.source.framework
    parts = [source_code(prog), prog.flow.code, prog.sink_code]
    body, directives = _split_directives("\n".join(part for part in parts if part))
    body = expand_tokens(body, lambda name, arg: _expand(framework, name, arg))
    prelude, more = _split_directives("\n\n".join(prog.prelude))
    directives += more
    route = "/api/CASE_NAME"
    if framework == "gin":
        if prog.source.route_param:
            route += f"/:{prog.pname}"
        method = prog.source.method
        handler = f"func handle(c *gin.Context) {{\n{indent(body, chr(9))}\n}}"
        main = (
            "func main() {\n\trouter := gin.Default()\n"
            f'\trouter.{method}("{route}", handle)\n\tlog.Fatal(router.Run(":8080"))\n}}'
        )
    else:
        pattern = f"{prog.source.method} {route}"
        if prog.source.route_param:
            pattern += f"/{{{prog.pname}}}"
        handler = (
            f"func handle(w http.ResponseWriter, r *http.Request) {{\n{indent(body, chr(9))}\n}}"
        )
        main = (
            f'func main() {{\n\thttp.HandleFunc("{pattern}", handle)\n'
            '\tlog.Fatal(http.ListenAndServe(":8080", nil))\n}'
        )
    sections = [prelude, "\n\n".join(prog.flow.helpers), handler, main]
    code = "\n\n".join(s for s in sections if s.strip())
    imports = _imports(code, [*prog.imports, *directives])
    header = "package main\n\nimport (\n" + "\n".join(imports) + "\n)"
    return header + "\n\n" + code + "\n", ".go"
