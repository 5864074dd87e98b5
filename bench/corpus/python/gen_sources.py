"""Where a handler's untrusted value comes from, per framework."""

from __future__ import annotations

from gen_model import Source

FLASK_TEXT = (
    Source("flask.args.get", "flask", 'request.args.get("{field}", "")'),
    Source("flask.args[]", "flask", 'request.args["{field}"]'),
    Source("flask.form[]", "flask", 'request.form["{field}"]', method="POST"),
    Source("flask.form.get", "flask", 'request.form.get("{field}", "")', method="POST"),
    Source("flask.values.get", "flask", 'request.values.get("{field}", "")'),
    Source("flask.cookies.get", "flask", 'request.cookies.get("{field}", "")'),
    Source("flask.headers.get", "flask", 'request.headers.get("X-{Field}", "")'),
    Source("flask.get_json", "flask", 'request.get_json()["{field}"]', method="POST"),
    Source("flask.json.get", "flask", 'request.json.get("{field}", "")', method="POST"),
    Source("flask.get_data", "flask", "request.get_data(as_text=True)", method="POST"),
    Source("flask.view_arg", "flask", None, param="{field}: str", route_suffix="/<{field}>"),
    Source(
        "flask.files.filename",
        "flask",
        'request.files["{field}"].filename',
        method="POST",
        special=True,
    ),
    Source(
        "flask.files.read",
        "flask",
        'request.files["{field}"].read().decode()',
        method="POST",
    ),
)

DJANGO_TEXT = (
    Source("django.GET.get", "django", 'request.GET.get("{field}", "")'),
    Source("django.GET[]", "django", 'request.GET["{field}"]'),
    Source("django.POST.get", "django", 'request.POST.get("{field}", "")', method="POST"),
    Source("django.POST[]", "django", 'request.POST["{field}"]', method="POST"),
    Source("django.META", "django", 'request.META.get("HTTP_X_{FIELD}", "")'),
    Source("django.COOKIES", "django", 'request.COOKIES.get("{field}", "")'),
    Source("django.url_kwarg", "django", None, param="{field}: str"),
    Source("django.body", "django", "request.body.decode()", method="POST"),
)

FASTAPI_TEXT = (
    Source("fastapi.query", "fastapi", None, param="{field}: str"),
    Source("fastapi.path", "fastapi", None, param="{field}: str", route_suffix="/{{{field}}}"),
    Source(
        "fastapi.Query",
        "fastapi",
        None,
        param='{field}: str = Query("")',
        imports=("fastapi:Query",),
    ),
    Source(
        "fastapi.Header",
        "fastapi",
        "x_{field}",
        param='x_{field}: str = Header("")',
        imports=("fastapi:Header",),
    ),
    Source(
        "fastapi.Cookie",
        "fastapi",
        None,
        param='{field}: str = Cookie("")',
        imports=("fastapi:Cookie",),
    ),
    Source(
        "fastapi.Form",
        "fastapi",
        None,
        param="{field}: str = Form(...)",
        imports=("fastapi:Form",),
        method="POST",
    ),
    Source(
        "fastapi.request.json",
        "fastapi",
        'payload["{field}"]',
        param="request: Request",
        pre=("payload = await request.json()",),
        imports=("fastapi:Request",),
        method="POST",
        needs_async=True,
    ),
)

FLASK_BYTES = (
    Source("flask.get_data", "flask", "request.get_data()", method="POST", kind="bytes"),
    Source("flask.data", "flask", "request.data", method="POST", kind="bytes"),
    Source(
        "flask.files.read",
        "flask",
        'request.files["{field}"].read()',
        method="POST",
        kind="bytes",
    ),
    Source("flask.stream.read", "flask", "request.stream.read()", method="POST", kind="bytes"),
    Source(
        "flask.cookies.b64",
        "flask",
        'base64.b64decode(request.cookies.get("{field}", ""))',
        imports=("base64",),
        kind="bytes",
    ),
    Source(
        "flask.form.b64",
        "flask",
        'base64.b64decode(request.form["{field}"])',
        imports=("base64",),
        method="POST",
        kind="bytes",
    ),
)

DJANGO_BYTES = (
    Source("django.body", "django", "request.body", method="POST", kind="bytes"),
    Source(
        "django.FILES.read",
        "django",
        'request.FILES["{field}"].read()',
        method="POST",
        kind="bytes",
    ),
)

FASTAPI_BYTES = (
    Source(
        "fastapi.request.body",
        "fastapi",
        "await request.body()",
        param="request: Request",
        imports=("fastapi:Request",),
        method="POST",
        needs_async=True,
        kind="bytes",
    ),
    Source(
        "fastapi.UploadFile",
        "fastapi",
        "await upload.read()",
        param="upload: UploadFile",
        imports=("fastapi:UploadFile",),
        method="POST",
        needs_async=True,
        kind="bytes",
    ),
)

SOURCES = {
    "text": {"flask": FLASK_TEXT, "django": DJANGO_TEXT, "fastapi": FASTAPI_TEXT},
    "bytes": {"flask": FLASK_BYTES, "django": DJANGO_BYTES, "fastapi": FASTAPI_BYTES},
}


def fill(template: str, name: str) -> str:
    """A source template with the request field's name in its three spellings."""
    return (
        template.replace("{field}", name)
        .replace("{Field}", "-".join(p.capitalize() for p in name.split("_")))
        .replace("{FIELD}", name.upper())
        .replace("{{", "{")
        .replace("}}", "}")
    )
