"""JavaScript skeletons, sources and flows of the generated corpus (Express, Koa, http, DOM)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from casegen import Flow, Program, Source, expand_tokens, indent, source_code, unique

SERVER = frozenset({"express", "koa", "http"})
CALLBACK = frozenset({"express", "http"})
EXPRESS = frozenset({"express"})
KOA = frozenset({"koa"})
HTTP = frozenset({"http"})
DOM = frozenset({"dom"})

SOURCES: tuple[Source, ...] = (
    Source("req.query", "express", "const param = req.query.PNAME;"),
    Source("req.body", "express", "const param = req.body.PNAME;", method="POST"),
    Source("ctx.query", "koa", "const param = ctx.query.PNAME;"),
    Source("req.params", "express", "const param = req.params.PNAME;", route_param=True),
    Source("req.cookies", "express", "const param = req.cookies.PNAME;", needs=("cookies",)),
    Source(
        "url.searchParams",
        "http",
        "const param = new URL(req.url, 'http://localhost').searchParams.get('PNAME');",
    ),
    Source("req.headers", "express", "const param = req.headers['x-PNAME'];"),
    Source("ctx.request.body", "koa", "const param = ctx.request.body.PNAME;", method="POST"),
    Source("ctx.params", "koa", "const param = ctx.params.PNAME;", route_param=True),
    Source("req.get", "express", "const param = req.get('X-PNAME');"),
    Source("ctx.cookies", "koa", "const param = ctx.cookies.get('PNAME');"),
    Source("req.headers", "http", "const param = req.headers['x-PNAME'];"),
    Source(
        "location.search",
        "dom",
        "const param = new URLSearchParams(window.location.search).get('PNAME');",
    ),
    Source(
        "location.hash", "dom", "const param = decodeURIComponent(window.location.hash.slice(1));"
    ),
)


def quote(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def make_flow(kind: str, const: str) -> Flow:
    c = quote(const)
    helper = "function normalize(value) {\n  return String(value).replace(/\\s+/g, ' ').trim();\n}"
    flows = {
        "direct": Flow("const bar = param;"),
        "string-method": Flow("const bar = String(param).trim();"),
        "helper": Flow("const bar = normalize(param);", helpers=(helper,)),
        "ternary": Flow(
            "const num = 106;\nconst bar = 7 * 42 - num > 200 ? 'This should never happen' : param;"
        ),
        "dead-branch": Flow(f"const num = 106;\nconst bar = 7 * 18 + num > 200 ? {c} : param;"),
        "collection": Flow(
            f"const values = ['safe', param, {c}];\nvalues.shift();\nconst bar = values[0];"
        ),
        "collection-constant": Flow(
            f"const values = ['safe', param, {c}];\nvalues.shift();\nconst bar = values[1];"
        ),
        "map": Flow(
            f"const lookup = new Map([['keyA', {c}], ['keyB', param]]);\n"
            "const bar = lookup.get('keyB');"
        ),
        "builder": Flow("const parts = [];\nparts.push(param);\nconst bar = parts.join('');"),
        "reassign": Flow(f"let bar = {c};\nbar = param;"),
        "overwrite": Flow(f"let bar = param;\nbar = {c};"),
        "constant": Flow(f"const bar = {c};"),
    }
    return flows[kind]


def _expand(framework: str, name: str, arg: str) -> Sequence[str]:
    table: dict[str, dict[str, Sequence[str]]] = {
        "express": {
            "JSON": [f"res.json({arg});"],
            "HTML": [f"res.send({arg});"],
            "REJECT": ["return res.status(400).json({ error: 'invalid input' });"],
            "FAIL": ["return res.status(500).json({ error: 'internal error' });"],
        },
        "koa": {
            "JSON": [f"ctx.body = {arg};"],
            "HTML": ["ctx.type = 'html';", f"ctx.body = {arg};"],
            "REJECT": ["ctx.throw(400, 'invalid input');"],
            "FAIL": ["ctx.throw(500, 'internal error');"],
        },
        "http": {
            "JSON": [
                "res.writeHead(200, { 'Content-Type': 'application/json' });",
                f"res.end(JSON.stringify({arg}));",
            ],
            "HTML": [
                "res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });",
                f"res.end({arg});",
            ],
            "REJECT": ["res.writeHead(400);", "return res.end('invalid input');"],
            "FAIL": ["res.writeHead(500);", "return res.end('internal error');"],
        },
        "dom": {"REJECT": ["return;"], "FAIL": ["return;"]},
    }
    return table[framework][name]


def _typescript_imports(lines: Sequence[str]) -> list[str]:
    out = []
    for line in lines:
        match = re.fullmatch(r"const (\w+) = require\(('[^']+')\);", line)
        if match:
            out.append(f"import {match[1]} = require({match[2]});")
            continue
        match = re.fullmatch(r"const (\{[^}]+\}) = require\(('[^']+')\);", line)
        out.append(f"import {match[1]} from {match[2]};" if match else line)
    return out


def _route(prog: Program) -> str:
    route = "/api/CASE_NAME"
    return route + f"/:{prog.pname}" if prog.source.route_param else route


def _body(prog: Program, framework: str) -> str:
    parts = [source_code(prog), prog.flow.code, prog.sink_code]
    body = "\n".join(part for part in parts if part)
    return expand_tokens(body, lambda name, arg: _expand(framework, name, arg))


def _express(prog: Program, typescript: bool) -> str:
    body = _body(prog, "express")
    setup: list[str] = []
    imports = ["const express = require('express');"]
    if prog.source.method == "POST":
        setup.append("app.use(express.urlencoded({ extended: false }));")
    if "cookies" in prog.source.needs:
        imports.append("const cookieParser = require('cookie-parser');")
        setup.append("app.use(cookieParser());")
    late = [line for line in prog.prelude if line.startswith("app.")]
    prelude = [line for line in prog.prelude if not line.startswith("app.")]
    if "req.session" in body and not late:
        imports.append("const session = require('express-session');")
        setup.append(
            "app.use(\n  session({\n    secret: process.env.SESSION_SECRET,\n"
            "    resave: false,\n    saveUninitialized: false,\n"
            "    cookie: { secure: true, httpOnly: true, sameSite: 'strict' },\n  }),\n);"
        )
    imports = unique([*imports, *prog.imports])
    if typescript:
        imports = _typescript_imports(imports)
    method = prog.source.method.lower()
    args = "req: express.Request, res: express.Response" if typescript else "req, res"
    handler = f"app.{method}('{_route(prog)}', async ({args}) => {{\n{indent(body, '  ')}\n}});"
    parts = [
        "\n".join(imports),
        "\n".join(prelude),
        "\n".join(["const app = express();", *setup, *late]),
        "\n\n".join(prog.flow.helpers),
        handler,
        "app.listen(3000);",
    ]
    return _join(parts, typescript)


def _koa(prog: Program) -> str:
    body = _body(prog, "koa")
    imports = ["const Koa = require('koa');", "const Router = require('@koa/router');"]
    setup = ["const app = new Koa();", "const router = new Router();"]
    if prog.source.method == "POST":
        imports.append("const bodyParser = require('koa-bodyparser');")
        setup.append("app.use(bodyParser());")
    late = [line for line in prog.prelude if line.startswith("app.")]
    prelude = [line for line in prog.prelude if not line.startswith("app.")]
    if "ctx.session" in body and not late:
        imports.append("const session = require('koa-session');")
        setup.append("app.keys = [process.env.SESSION_KEY];")
        setup.append("app.use(session({ secure: true, httpOnly: true, sameSite: 'strict' }, app));")
    method = prog.source.method.lower()
    handler = f"router.{method}('{_route(prog)}', async (ctx) => {{\n{indent(body, '  ')}\n}});"
    parts = [
        "\n".join(unique([*imports, *prog.imports])),
        "\n".join(prelude),
        "\n".join([*setup, *late]),
        "\n\n".join(prog.flow.helpers),
        handler,
        "app.use(router.routes()).use(router.allowedMethods());\napp.listen(3000);",
    ]
    return _join(parts, False)


def _http(prog: Program) -> str:
    body = _body(prog, "http")
    handler = (
        "const server = http.createServer(async (req, res) => {\n" + indent(body, "  ") + "\n});"
    )
    parts = [
        "\n".join(unique(["const http = require('http');", *prog.imports])),
        "\n".join(prog.prelude),
        "\n\n".join(prog.flow.helpers),
        handler,
        "server.listen(3000);",
    ]
    return _join(parts, False)


def _dom(prog: Program) -> str:
    body = _body(prog, "dom")
    handler = (
        "document.addEventListener('DOMContentLoaded', () => {\n" + indent(body, "  ") + "\n});"
    )
    parts = ["\n".join(prog.prelude), "\n\n".join(prog.flow.helpers), handler]
    return _join(parts, False)


def _join(parts: Sequence[str], typescript: bool) -> str:
    head = [] if typescript else ["'use strict';"]
    return "\n\n".join([*head, *(p for p in parts if p.strip())]) + "\n"


def write(prog: Program) -> tuple[str, str]:
    framework = prog.source.framework
    if framework == "express":
        typescript = prog.index in (8, 11)
        return _express(prog, typescript), ".ts" if typescript else ".js"
    if framework == "koa":
        return _koa(prog), ".js"
    if framework == "http":
        return _http(prog), ".js"
    return _dom(prog), ".js"
