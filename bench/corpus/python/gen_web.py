"""Scenarios of path traversal, SSRF, open redirect and cross-site scripting."""

from __future__ import annotations

from gen_model import Safe, Scenario, ok, refuse

# --- path traversal ---------------------------------------------------------------------------

PATH_BUILDERS = ("pathjoin", "fstring", "pathlib", "concat", "format", "percent")
SECURE = Safe(
    "secure_filename",
    imports=("werkzeug.utils:secure_filename",),
    wrap="{var} = secure_filename({v})",
)
BASENAME = Safe("os.path.basename", imports=("os",), wrap="{var} = os.path.basename({v})")


def _contained(folder: str) -> Safe:
    return Safe(
        "realpath.commonpath",
        imports=("os",),
        check=lambda fw, v: [
            f'base = os.path.realpath("{folder}")',
            f"target = os.path.realpath(os.path.join(base, {v}))",
            "if os.path.commonpath([base, target]) != base:",
            "    " + refuse(fw, "invalid name"),
        ],
    )


def _safe_join(folder: str) -> Safe:
    return Safe(
        "safe_join",
        imports=("werkzeug.security:safe_join",),
        check=lambda fw, v: [
            f'if safe_join("{folder}", {v}) is None:',
            "    " + refuse(fw, "invalid name"),
        ],
    )


def _send(fw: str, path: str) -> list[str]:
    if fw == "flask":
        return [f"return send_file({path})"]
    if fw == "django":
        return [f'return FileResponse(open({path}, "rb"))']
    return [f"return FileResponse({path})"]


PATH = (
    Scenario(
        "open",
        "/reports/download",
        "report",
        "name",
        "name",
        "/srv/app/reports/{}",
        "path",
        lambda fw, p: [
            f'with open({p}, encoding="utf-8") as handle:',
            "    content = handle.read()",
            ok(fw, '{"content": content}'),
        ],
        '"summary.txt"',
        ("summary.txt", "weekly.txt"),
        builders=PATH_BUILDERS,
        url_path="path",
        doc="Download a generated report.",
        safe=(SECURE, _contained("/srv/app/reports"), BASENAME),
    ),
    Scenario(
        "send_file",
        "/invoices/pdf",
        "invoice_pdf",
        "filename",
        "filename",
        "/srv/app/invoices/{}",
        "path",
        lambda fw, p: _send(fw, p),
        '"latest.pdf"',
        ("latest.pdf", "previous.pdf"),
        ("flask:send_file", "django.http:FileResponse", "fastapi.responses:FileResponse"),
        builders=PATH_BUILDERS,
        url_path="path",
        sources=(
            "flask.view_arg",
            "fastapi.path",
            "django.url_kwarg",
            "flask.args.get",
            "django.GET.get",
            "fastapi.query",
        ),
        doc="Invoices as PDF files.",
        safe=(
            _safe_join("/srv/app/invoices"),
            SECURE,
            Safe(
                "send_from_directory",
                imports=("flask:send_from_directory",),
                frameworks=("flask",),
                sink=lambda fw, v: [f'return send_from_directory("/srv/app/invoices", {v})'],
            ),
        ),
    ),
    Scenario(
        "os.remove",
        "/uploads/delete",
        "delete_upload",
        "filename",
        "filename",
        "/srv/app/uploads/{}",
        "path",
        lambda fw, p: [f"os.remove({p})", ok(fw, '{"deleted": True}')],
        '"draft.txt"',
        ("draft.txt", "notes.txt"),
        ("os",),
        builders=PATH_BUILDERS,
        url_path="path",
        doc="Remove one of the user's uploads.",
        safe=(BASENAME, _contained("/srv/app/uploads")),
    ),
    Scenario(
        "os.listdir",
        "/projects/files",
        "project_files",
        "project",
        "project",
        "/srv/app/projects/{}",
        "path",
        lambda fw, p: [f"names = os.listdir({p})", ok(fw, '{"files": sorted(names)}')],
        '"sandbox"',
        ("sandbox", "demo"),
        ("os",),
        builders=PATH_BUILDERS,
        url_path="path",
        doc="Files of a project workspace.",
        safe=(SECURE, _safe_join("/srv/app/projects")),
    ),
    Scenario(
        "pathlib.read_text",
        "/docs/page",
        "doc_page",
        "page",
        "page",
        "/srv/app/docs/{}.md",
        "path",
        lambda fw, p: [
            f'text = Path({p}).read_text(encoding="utf-8")',
            ok(fw, '{"markdown": text}'),
        ],
        '"index"',
        ("index", "install", "faq"),
        ("pathlib:Path",),
        builders=PATH_BUILDERS,
        url_path="path",
        doc="Markdown pages of the documentation.",
        safe=(SECURE, _contained("/srv/app/docs")),
    ),
    Scenario(
        "os.makedirs",
        "/albums/create",
        "create_album",
        "album",
        "album",
        "/srv/app/albums/{}",
        "path",
        lambda fw, p: [f"os.makedirs({p}, exist_ok=True)", ok(fw, '{"created": True}')],
        '"holidays"',
        ("holidays", "family"),
        ("os",),
        builders=PATH_BUILDERS,
        url_path="path",
        doc="Create a photo album.",
        safe=(SECURE, BASENAME),
    ),
    Scenario(
        "FileStorage.save",
        "/documents/upload",
        "upload_document",
        "document",
        "filename",
        "/srv/app/documents/{}",
        "path",
        lambda fw, p: [
            f'request.files["document"].save({p})',
            ok(fw, '{"stored": True}'),
        ],
        '"upload.bin"',
        ("report.pdf", "scan.pdf"),
        builders=PATH_BUILDERS,
        url_path="path",
        frameworks=("flask",),
        sources=("flask.files.filename",),
        doc="Upload a document.",
        safe=(
            SECURE,
            Safe("uuid.name", imports=("uuid",), wrap='{var} = uuid.uuid4().hex + ".bin"'),
        ),
    ),
    Scenario(
        "shutil.copy",
        "/templates/clone",
        "clone_template",
        "source",
        "source",
        "/srv/app/templates/{}",
        "path",
        lambda fw, p: [
            f'shutil.copy({p}, "/srv/app/drafts/new-draft.html")',
            ok(fw, '{"copied": True}'),
        ],
        '"welcome.html"',
        ("welcome.html", "invoice.html"),
        ("shutil",),
        builders=PATH_BUILDERS,
        url_path="path",
        doc="Start a draft from a template.",
        safe=(BASENAME, _safe_join("/srv/app/templates")),
    ),
)

# --- SSRF -------------------------------------------------------------------------------------


def _host_of(names: str) -> Safe:
    return Safe(
        "urlparse.hostname.allowlist",
        imports=("urllib.parse:urlparse",),
        module=(f"TRUSTED_HOSTS = {{{names}}}",),
        check=lambda fw, v: [
            f"if urlparse({v}).hostname not in TRUSTED_HOSTS:",
            "    " + refuse(fw, "host not allowed"),
        ],
    )


TRUSTED = '"api.example.com", "cdn.example.com"'

SSRF = (
    Scenario(
        "requests.get",
        "/links/preview",
        "link_preview",
        "url",
        "url",
        None,
        "url",
        lambda fw, p: [
            f"response = requests.get({p}, timeout=10)",
            ok(fw, '{"status": response.status_code}'),
        ],
        '"https://example.com/"',
        ("https://example.com/", "https://example.org/"),
        ("requests",),
        url_path="none",
        doc="Link previews for chat messages.",
        safe=(_host_of(TRUSTED),),
    ),
    Scenario(
        "urllib.request.urlopen",
        "/feeds/fetch",
        "fetch_feed",
        "feed",
        "feed",
        None,
        "feed",
        lambda fw, p: [
            f"with urllib.request.urlopen({p}, timeout=10) as response:",
            "    body = response.read(65536)",
            ok(fw, '{"bytes": len(body)}'),
        ],
        '"https://cdn.example.com/feed.xml"',
        ("https://cdn.example.com/feed.xml",),
        ("urllib.request",),
        url_path="none",
        doc="Fetch an RSS feed to import.",
        safe=(_host_of(TRUSTED),),
    ),
    Scenario(
        "httpx.get",
        "/services/health",
        "service_health",
        "service",
        "service",
        "https://{}/health",
        "url",
        lambda fw, p: [
            f"response = httpx.get({p}, timeout=5)",
            ok(fw, '{"healthy": response.status_code == 200}'),
        ],
        '"billing.internal.example.com"',
        ("billing.internal.example.com", "search.internal.example.com"),
        ("httpx",),
        builders=("fstring", "concat", "format", "percent"),
        doc="Health of a backing service.",
    ),
    Scenario(
        "requests.post",
        "/webhooks/test",
        "test_webhook",
        "callback",
        "callback",
        None,
        "callback",
        lambda fw, p: [
            f'response = requests.post({p}, json={{"event": "ping"}}, timeout=10)',
            ok(fw, '{"delivered": response.ok}'),
        ],
        '"https://hooks.example.com/ping"',
        ("https://hooks.example.com/ping",),
        ("requests",),
        url_path="none",
        doc="Send a test event to a configured webhook.",
        safe=(_host_of('"hooks.example.com"'),),
    ),
    Scenario(
        "httpx.AsyncClient.get",
        "/images/proxy",
        "image_proxy",
        "src",
        "src",
        None,
        "src",
        lambda fw, p: [
            "async with httpx.AsyncClient(timeout=10) as client:",
            f"    response = await client.get({p})",
            ok(fw, '{"size": len(response.content)}'),
        ],
        '"https://cdn.example.com/logo.png"',
        ("https://cdn.example.com/logo.png",),
        ("httpx",),
        frameworks=("fastapi",),
        needs_async=True,
        url_path="none",
        doc="Image proxy for user avatars.",
        safe=(_host_of(TRUSTED),),
    ),
    Scenario(
        "requests.Session.get",
        "/metrics/scrape",
        "scrape_metrics",
        "node",
        "node",
        "http://{}:9100/metrics",
        "url",
        lambda fw, p: [
            "with requests.Session() as http:",
            f"    response = http.get({p}, timeout=5)",
            ok(fw, '{"lines": len(response.text.splitlines())}'),
        ],
        '"node-1.internal.example.com"',
        ("node-1.internal.example.com", "node-2.internal.example.com"),
        ("requests",),
        builders=("fstring", "concat", "format", "percent"),
        doc="Scrape a node exporter.",
    ),
    Scenario(
        "urllib3.request",
        "/avatars/import",
        "import_avatar",
        "avatar",
        "avatar",
        None,
        "avatar",
        lambda fw, p: [
            "http = urllib3.PoolManager(timeout=10.0)",
            f'response = http.request("GET", {p})',
            ok(fw, '{"size": len(response.data)}'),
        ],
        '"https://cdn.example.com/default.png"',
        ("https://cdn.example.com/default.png",),
        ("urllib3",),
        url_path="none",
        doc="Import an avatar from a URL.",
        safe=(_host_of(TRUSTED),),
    ),
)

# --- open redirect ----------------------------------------------------------------------------


def _redirect(fw: str, target: str) -> list[str]:
    if fw == "flask":
        return [f"return redirect({target})"]
    if fw == "django":
        return [f"return HttpResponseRedirect({target})"]
    return [f"return RedirectResponse({target})"]


REDIRECT_IMPORTS = (
    "flask:redirect",
    "django.http:HttpResponseRedirect",
    "fastapi.responses:RedirectResponse",
)
LOCAL_ONLY = Safe(
    "relative.path.check",
    imports=("urllib.parse:urlparse",),
    check=lambda fw, v: [
        f"parsed = urlparse({v})",
        f'if parsed.scheme or parsed.netloc or not {v}.startswith("/"):',
        "    " + refuse(fw, "invalid redirect"),
        f'if {v}.startswith("//") or "\\\\" in {v}:',
        "    " + refuse(fw, "invalid redirect"),
    ],
)
DJANGO_CHECK = Safe(
    "url_has_allowed_host_and_scheme",
    imports=("django.utils.http:url_has_allowed_host_and_scheme",),
    check=lambda fw, v: [
        f"if not url_has_allowed_host_and_scheme({v}, allowed_hosts={{request.get_host()}}):",
        "    " + refuse(fw, "invalid redirect"),
    ],
)

REDIRECT = (
    Scenario(
        "redirect",
        "/login/complete",
        "login_complete",
        "next",
        "target",
        None,
        "target",
        _redirect,
        '"/dashboard"',
        ("/dashboard", "/settings"),
        REDIRECT_IMPORTS,
        url_path="none",
        doc="Where a user lands after logging in.",
        safe=(LOCAL_ONLY,),
    ),
    Scenario(
        "django.shortcuts.redirect",
        "/accounts/return",
        "return_to",
        "return_to",
        "return_to",
        None,
        "return_to",
        lambda fw, p: [f"return redirect({p})"],
        '"/accounts/profile"',
        ("/accounts/profile", "/accounts/orders"),
        ("django.shortcuts:redirect",),
        frameworks=("django",),
        url_path="none",
        doc="Return to the page the user came from.",
        safe=(DJANGO_CHECK, LOCAL_ONLY),
    ),
    Scenario(
        "redirect[domain]",
        "/regions/switch",
        "switch_region",
        "region",
        "region",
        "https://{}/welcome",
        "destination",
        _redirect,
        '"eu.example.com"',
        ("eu.example.com", "us.example.com"),
        REDIRECT_IMPORTS,
        builders=("fstring", "concat", "format", "percent"),
        doc="Send the user to the site of their region.",
    ),
    Scenario(
        "Location header",
        "/out",
        "outbound",
        "url",
        "url",
        None,
        "url",
        lambda fw, p: [
            f'return Response(status=302, headers={{"Location": {p}}})'
            if fw != "django"
            else "response = HttpResponse(status=302)",
            *([f'response["Location"] = {p}', "return response"] if fw == "django" else []),
        ],
        '"/"',
        ("/", "/help"),
        ("flask:Response", "django.http:HttpResponse", "fastapi.responses:Response"),
        url_path="none",
        doc="Outbound link tracking.",
        safe=(LOCAL_ONLY,),
    ),
    Scenario(
        "RedirectResponse[303]",
        "/checkout/done",
        "checkout_done",
        "continue_url",
        "continue_url",
        None,
        "continue_url",
        lambda fw, p: [f"return RedirectResponse(url={p}, status_code=303)"],
        '"/orders"',
        ("/orders", "/cart"),
        ("fastapi.responses:RedirectResponse",),
        frameworks=("fastapi",),
        url_path="none",
        doc="Continue after the checkout.",
        safe=(LOCAL_ONLY,),
    ),
    Scenario(
        "redirect[logout]",
        "/logout",
        "logout",
        "redirect_uri",
        "redirect_uri",
        None,
        "redirect_uri",
        _redirect,
        '"/"',
        ("/", "/goodbye"),
        REDIRECT_IMPORTS,
        url_path="none",
        doc="Log out and go to the given page.",
        safe=(LOCAL_ONLY,),
    ),
)

# --- XSS --------------------------------------------------------------------------------------


def _page(fw: str, html: str) -> list[str]:
    if fw == "flask":
        return [f"return {html}"]
    if fw == "django":
        return [f"return HttpResponse({html})"]
    return [f"return HTMLResponse({html})"]


PAGE_IMPORTS = ("django.http:HttpResponse", "fastapi.responses:HTMLResponse")


HTML_ESCAPE = Safe("html.escape", imports=("html",), wrap="{var} = html.escape({v})")


def _autoescaped(template: str, name: str) -> Safe:
    def sink(fw: str, v: str) -> list[str]:
        if fw == "flask":
            return [f'return render_template_string("{template}", {name}={v})']
        if fw == "django":
            django_template = template.replace("{{ " + name + " }}", "{}")
            return [f'return HttpResponse(format_html("{django_template}", {v}))']
        return [ok(fw, f'{{"{name}": {v}}}')]

    return Safe(
        "autoescape",
        imports=("flask:render_template_string", "django.utils.html:format_html"),
        sink=sink,
    )


XSS = (
    Scenario(
        "html.response",
        "/search",
        "search",
        "q",
        "query",
        "<h1>Results for {}</h1>",
        "page",
        _page,
        '"books"',
        ("books", "music"),
        PAGE_IMPORTS,
        builders=("fstring", "concat", "format", "percent"),
        doc="Search results page.",
        safe=(HTML_ESCAPE, _autoescaped("<h1>Results for {{ query }}</h1>", "query")),
    ),
    Scenario(
        "make_response",
        "/profile/greeting",
        "greeting",
        "name",
        "name",
        "<p>Welcome back, {}</p>",
        "html",
        lambda fw, p: [
            f"response = make_response({p})",
            'response.headers["Content-Type"] = "text/html; charset=utf-8"',
            "return response",
        ],
        '"friend"',
        ("friend", "guest"),
        ("flask:make_response",),
        frameworks=("flask",),
        builders=("fstring", "concat", "format", "percent"),
        doc="Greeting on the profile page.",
        safe=(
            Safe("markupsafe.escape", imports=("markupsafe:escape",), wrap="{var} = escape({v})"),
        ),
    ),
    Scenario(
        "Markup",
        "/bio",
        "bio",
        "bio",
        "bio",
        "<p>{}</p>",
        "html",
        lambda fw, p: [
            f'return render_template_string("<div>{{{{ bio }}}}</div>", bio=Markup({p}))',
        ],
        '"Gardener"',
        ("Gardener", "Painter"),
        ("flask:render_template_string", "markupsafe:Markup"),
        frameworks=("flask",),
        builders=("fstring", "concat", "format", "percent"),
        doc="A member's biography.",
        safe=(
            Safe(
                "Markup.format",
                sink=lambda fw, v: [
                    f'html = Markup("<p>{{}}</p>").format({v})',
                    'return render_template_string("<div>{{ bio }}</div>", bio=html)',
                ],
            ),
        ),
    ),
    Scenario(
        "jinja|safe",
        "/comments/preview",
        "comment_preview",
        "comment",
        "comment",
        None,
        "comment",
        lambda fw, p: [
            f'return render_template_string("<p>{{{{ comment|safe }}}}</p>", comment={p})'
        ],
        '"Nice post"',
        ("Nice post", "Thanks"),
        ("flask:render_template_string",),
        frameworks=("flask",),
        doc="Preview of a comment before posting.",
        safe=(
            Safe(
                "autoescape",
                sink=lambda fw, v: [
                    f'return render_template_string("<p>{{{{ comment }}}}</p>", comment={v})',
                ],
            ),
        ),
    ),
    Scenario(
        "mark_safe",
        "/notices",
        "notice",
        "notice",
        "notice",
        "<strong>{}</strong>",
        "html",
        lambda fw, p: [
            'page = Template("<div>{{ notice }}</div>").render('
            f'Context({{"notice": mark_safe({p})}}))',
            "return HttpResponse(page)",
        ],
        '"Maintenance tonight"',
        ("Maintenance tonight",),
        (
            "django.http:HttpResponse",
            "django.template:Context",
            "django.template:Template",
            "django.utils.safestring:mark_safe",
        ),
        frameworks=("django",),
        builders=("fstring", "concat", "format", "percent"),
        doc="Site-wide notices.",
        safe=(
            Safe(
                "autoescape",
                sink=lambda fw, v: [
                    'page = Template("<div><strong>{{ notice }}</strong></div>").render('
                    f'Context({{"notice": {v}}}))',
                    "return HttpResponse(page)",
                ],
            ),
        ),
    ),
    Scenario(
        "Response[text/html]",
        "/errors/not-found",
        "not_found",
        "path",
        "path",
        "<p>No page at {}</p>",
        "page",
        lambda fw, p: [
            f'return Response({p}, status=404, mimetype="text/html")'
            if fw == "flask"
            else f"return HTMLResponse({p}, status_code=404)"
            if fw == "fastapi"
            else f"return HttpResponseNotFound({p})",
        ],
        '"/"',
        ("/", "/home"),
        ("flask:Response", "fastapi.responses:HTMLResponse", "django.http:HttpResponseNotFound"),
        builders=("fstring", "concat", "format", "percent"),
        doc="Not-found page naming the missing path.",
        safe=(HTML_ESCAPE,),
    ),
)
