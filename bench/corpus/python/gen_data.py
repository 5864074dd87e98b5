"""Scenarios of XML external entities, unsafe deserialization and trust boundary violations."""

from __future__ import annotations

from gen_model import Safe, Scenario, SinkFn, ok

# --- XXE --------------------------------------------------------------------------------------

HARDENED = "resolve_entities=False, no_network=True"
COUNTER = (
    "class TitleCounter(ContentHandler):",
    "    def __init__(self) -> None:",
    "        super().__init__()",
    "        self.titles = 0",
    "",
    "    def startElement(self, name, attrs):",
    '        if name == "title":',
    "            self.titles += 1",
)
SAX = ("xml.sax", "xml.sax.handler:ContentHandler", "xml.sax.handler:feature_external_ges", "io")


def _sax(enabled: str) -> list[str]:
    return ["parser = xml.sax.make_parser()", f"parser.setFeature(feature_external_ges, {enabled})"]


def _lxml_parser(options: str, parse: str, result: str) -> SinkFn:
    def sink(fw: str, p: str) -> list[str]:
        return [f"parser = etree.XMLParser({options})", parse.format(p=p), ok(fw, result)]

    return sink


XXE = (
    Scenario(
        "lxml.fromstring",
        "/catalog/import",
        "import_catalog",
        "catalog",
        "document",
        None,
        "document",
        _lxml_parser(
            "resolve_entities=True, no_network=False",
            "root = etree.fromstring({p}, parser)",
            '{"items": len(root)}',
        ),
        'b"<catalog/>"',
        (),
        ("lxml:etree",),
        kind="bytes",
        doc="Import a product catalogue sent as XML.",
        safe=(
            Safe(
                "defusedxml",
                imports=("defusedxml.ElementTree",),
                sink=lambda fw, v: [
                    f"root = defusedxml.ElementTree.fromstring({v})",
                    ok(fw, '{"items": len(root)}'),
                ],
            ),
            Safe(
                "hardened.parser",
                sink=_lxml_parser(
                    HARDENED, "root = etree.fromstring({p}, parser)", '{"items": len(root)}'
                ),
            ),
        ),
    ),
    Scenario(
        "lxml.parse",
        "/orders/xml",
        "import_orders",
        "orders",
        "document",
        None,
        "document",
        _lxml_parser(
            "load_dtd=True, resolve_entities=True",
            "tree = etree.parse(io.BytesIO({p}), parser)",
            '{"root": tree.getroot().tag}',
        ),
        'b"<orders/>"',
        (),
        ("lxml:etree", "io"),
        kind="bytes",
        doc="Orders uploaded by partners in XML.",
        safe=(
            Safe(
                "hardened.parser",
                sink=_lxml_parser(
                    "load_dtd=False, " + HARDENED,
                    "tree = etree.parse(io.BytesIO({p}), parser)",
                    '{"root": tree.getroot().tag}',
                ),
            ),
        ),
    ),
    Scenario(
        "xml.sax[external_ges]",
        "/feeds/titles",
        "count_titles",
        "feed",
        "document",
        None,
        "document",
        lambda fw, p: [
            *_sax("True"),
            "handler = TitleCounter()",
            "parser.setContentHandler(handler)",
            f"parser.parse(io.BytesIO({p}))",
            ok(fw, '{"titles": handler.titles}'),
        ],
        'b"<rss/>"',
        (),
        SAX,
        module=COUNTER,
        kind="bytes",
        doc="Count the titles of a feed.",
        safe=(
            Safe(
                "external_ges.off",
                sink=lambda fw, v: [
                    *_sax("False"),
                    "handler = TitleCounter()",
                    "parser.setContentHandler(handler)",
                    f"parser.parse(io.BytesIO({v}))",
                    ok(fw, '{"titles": handler.titles}'),
                ],
            ),
            Safe(
                "defusedxml.sax",
                imports=("defusedxml.sax",),
                sink=lambda fw, v: [
                    "handler = TitleCounter()",
                    f"defusedxml.sax.parseString({v}, handler)",
                    ok(fw, '{"titles": handler.titles}'),
                ],
            ),
        ),
    ),
    Scenario(
        "pulldom[external_ges]",
        "/documents/outline",
        "outline",
        "document",
        "document",
        None,
        "document",
        lambda fw, p: [
            *_sax("True"),
            f"events = pulldom.parseString({p}.decode(), parser=parser)",
            "count = sum(1 for event, _ in events if event == pulldom.START_ELEMENT)",
            ok(fw, '{"elements": count}'),
        ],
        'b"<doc/>"',
        (),
        ("xml.sax", "xml.sax.handler:feature_external_ges", "xml.dom:pulldom"),
        kind="bytes",
        doc="Outline of an XML document.",
        safe=(
            Safe(
                "defusedxml.pulldom",
                imports=("defusedxml.pulldom",),
                sink=lambda fw, v: [
                    f"events = defusedxml.pulldom.parseString({v}.decode())",
                    "count = sum(1 for event, _ in events if event == pulldom.START_ELEMENT)",
                    ok(fw, '{"elements": count}'),
                ],
            ),
        ),
    ),
    Scenario(
        "minidom[external_ges]",
        "/invoices/xml",
        "invoice_root",
        "invoice",
        "document",
        None,
        "document",
        lambda fw, p: [
            *_sax("True"),
            f"dom = minidom.parseString({p}, parser=parser)",
            ok(fw, '{"root": dom.documentElement.tagName}'),
        ],
        'b"<invoice/>"',
        (),
        ("xml.sax", "xml.sax.handler:feature_external_ges", "xml.dom:minidom"),
        kind="bytes",
        doc="Validate the root of an e-invoice.",
        safe=(
            Safe(
                "defusedxml.minidom",
                imports=("defusedxml.minidom",),
                sink=lambda fw, v: [
                    f"dom = defusedxml.minidom.parseString({v})",
                    ok(fw, '{"root": dom.documentElement.tagName}'),
                ],
            ),
        ),
    ),
    Scenario(
        "lxml.iterparse",
        "/exports/count",
        "count_records",
        "export",
        "document",
        None,
        "document",
        lambda fw, p: [
            "count = 0",
            "for _, _element in etree.iterparse(",
            f"    io.BytesIO({p}), load_dtd=True, resolve_entities=True, no_network=False",
            "):",
            "    count += 1",
            ok(fw, '{"records": count}'),
        ],
        'b"<export/>"',
        (),
        ("lxml:etree", "io"),
        kind="bytes",
        doc="Count the records of a large XML export.",
        safe=(
            Safe(
                "hardened.parser",
                sink=lambda fw, v: [
                    "count = 0",
                    "for _, _element in etree.iterparse(",
                    f"    io.BytesIO({v}), load_dtd=False, {HARDENED}",
                    "):",
                    "    count += 1",
                    ok(fw, '{"records": count}'),
                ],
            ),
        ),
    ),
    Scenario(
        "lxml.objectify",
        "/shipments/import",
        "import_shipment",
        "shipment",
        "document",
        None,
        "document",
        lambda fw, p: [
            "parser = objectify.makeparser(resolve_entities=True, no_network=False)",
            f"root = objectify.fromstring({p}, parser)",
            ok(fw, '{"parcels": len(root.getchildren())}'),
        ],
        'b"<shipment/>"',
        (),
        ("lxml:objectify",),
        kind="bytes",
        doc="Import a shipment notice.",
        safe=(
            Safe(
                "hardened.parser",
                sink=lambda fw, v: [
                    f"parser = objectify.makeparser({HARDENED})",
                    f"root = objectify.fromstring({v}, parser)",
                    ok(fw, '{"parcels": len(root.getchildren())}'),
                ],
            ),
        ),
    ),
)

# --- deserialization --------------------------------------------------------------------------


def _load(call: str, result: str, var: str = "state") -> SinkFn:
    def sink(fw: str, p: str) -> list[str]:
        return [f"{var} = {call.format(p=p)}", ok(fw, result)]

    return sink


def _safe_load(
    id_: str, call: str, result: str, imports: tuple[str, ...], var: str = "state"
) -> Safe:
    return Safe(id_, imports=imports, sink=_load(call, result, var))


KEYS = '{"keys": sorted(state)}'

DESERIALIZATION = (
    Scenario(
        "pickle.loads",
        "/session/restore",
        "restore_state",
        "state",
        "blob",
        None,
        "blob",
        _load("pickle.loads({p})", KEYS),
        'pickle.dumps({"step": 1})',
        (),
        ("pickle",),
        kind="bytes",
        doc="Restore a saved wizard state.",
        safe=(_safe_load("json.loads", "json.loads({p})", KEYS, ("json",)),),
    ),
    Scenario(
        "pickle.loads[b64]",
        "/preferences/load",
        "load_preferences",
        "prefs",
        "prefs",
        None,
        "prefs",
        _load("pickle.loads(base64.b64decode({p}))", KEYS),
        'base64.b64encode(pickle.dumps({"theme": "dark"}))',
        (),
        ("pickle", "base64"),
        doc="User interface preferences kept by the browser.",
        safe=(
            _safe_load("json.loads", "json.loads(base64.b64decode({p}))", KEYS, ("json", "base64")),
        ),
    ),
    Scenario(
        "yaml.load[Loader]",
        "/config/import",
        "import_config",
        "config",
        "config",
        None,
        "config",
        _load("yaml.load({p}, Loader=yaml.Loader)", KEYS),
        '"retries: 3"',
        (),
        ("yaml",),
        doc="Import a job configuration in YAML.",
        safe=(_safe_load("yaml.safe_load", "yaml.safe_load({p})", KEYS, ("yaml",)),),
    ),
    Scenario(
        "yaml.unsafe_load",
        "/manifests/validate",
        "validate_manifest",
        "manifest",
        "manifest",
        None,
        "manifest",
        _load("yaml.unsafe_load({p})", KEYS),
        '"name: demo"',
        (),
        ("yaml",),
        doc="Validate a deployment manifest.",
        safe=(_safe_load("yaml.safe_load", "yaml.safe_load({p})", KEYS, ("yaml",)),),
    ),
    Scenario(
        "yaml.load[UnsafeLoader]",
        "/pipelines/parse",
        "parse_pipeline",
        "pipeline",
        "pipeline",
        None,
        "pipeline",
        _load("yaml.load({p}, Loader=yaml.UnsafeLoader)", KEYS),
        '"stages: []"',
        (),
        ("yaml",),
        doc="Parse a pipeline definition.",
        safe=(
            _safe_load(
                "yaml.SafeLoader", "yaml.load({p}, Loader=yaml.SafeLoader)", KEYS, ("yaml",)
            ),
        ),
    ),
    Scenario(
        "marshal.loads",
        "/cache/import",
        "import_cache",
        "cache",
        "blob",
        None,
        "blob",
        _load("marshal.loads({p})", KEYS),
        'marshal.dumps({"entries": 0})',
        (),
        ("marshal",),
        kind="bytes",
        doc="Import a cache snapshot.",
        safe=(_safe_load("json.loads", "json.loads({p})", KEYS, ("json",)),),
    ),
    Scenario(
        "jsonpickle.decode",
        "/cart/restore",
        "restore_cart",
        "cart",
        "cart",
        None,
        "cart",
        _load("jsonpickle.decode({p})", '{"items": len(state)}'),
        '"[]"',
        (),
        ("jsonpickle",),
        doc="Restore a shopping cart.",
        safe=(_safe_load("json.loads", "json.loads({p})", '{"items": len(state)}', ("json",)),),
    ),
    Scenario(
        "pickle.load",
        "/models/upload",
        "upload_model",
        "model",
        "blob",
        None,
        "blob",
        _load("pickle.load(io.BytesIO({p}))", '{"type": type(state).__name__}'),
        'pickle.dumps({"weights": []})',
        (),
        ("pickle", "io"),
        kind="bytes",
        doc="Upload a trained model.",
        safe=(
            _safe_load(
                "json.load",
                "json.load(io.BytesIO({p}))",
                '{"type": type(state).__name__}',
                ("json", "io"),
            ),
        ),
    ),
)

# --- trust boundary ---------------------------------------------------------------------------

FLASK_SESSION = (
    'app.secret_key = os.environ["FLASK_SECRET_KEY"]',
    "app.config.update(",
    "    SESSION_COOKIE_SECURE=True,",
    "    SESSION_COOKIE_HTTPONLY=True,",
    '    SESSION_COOKIE_SAMESITE="Lax",',
    ")",
)
STARLETTE_SESSION = (
    "app.add_middleware(",
    "    SessionMiddleware,",
    '    secret_key=os.environ["SESSION_SECRET_KEY"],',
    "    https_only=True,",
    '    same_site="lax",',
    ")",
)
SESSION_SETUP: dict[str, tuple[str, ...]] = {"flask": FLASK_SESSION, "fastapi": STARLETTE_SESSION}
SESSION_IMPORTS = ("flask:session", "starlette.middleware.sessions:SessionMiddleware", "os")


def _session(fw: str) -> str:
    return "session" if fw == "flask" else "request.session"


def _store(key: str, result: str = '{"saved": True}') -> SinkFn:
    def sink(fw: str, p: str) -> list[str]:
        return [f'{_session(fw)}["{key}"] = {p}', ok(fw, result)]

    return sink


TRUST = (
    Scenario(
        "session[key]",
        "/preferences/language",
        "set_language",
        "language",
        "language",
        None,
        "language",
        _store("language"),
        '"en"',
        ("en", "fr", "de"),
        SESSION_IMPORTS,
        setup=SESSION_SETUP,
        doc="Remember the reader's language.",
    ),
    Scenario(
        "session[user]",
        "/sso/callback",
        "sso_callback",
        "user",
        "user",
        None,
        "user",
        _store("user", '{"signed_in": True}'),
        '"anonymous"',
        ("anonymous", "guest"),
        SESSION_IMPORTS,
        setup=SESSION_SETUP,
        doc="Single sign-on callback behind the proxy.",
    ),
    Scenario(
        "session.update",
        "/profile/display-name",
        "set_display_name",
        "display_name",
        "display_name",
        None,
        "display_name",
        lambda fw, p: [
            f'{_session(fw)}.update({{"display_name": {p}}})',
            ok(fw, '{"saved": True}'),
        ],
        '"Reader"',
        ("Reader", "Guest"),
        SESSION_IMPORTS,
        setup=SESSION_SETUP,
        doc="Change the name shown in the header.",
    ),
    Scenario(
        "session.setdefault.append",
        "/search/remember",
        "remember_search",
        "term",
        "term",
        None,
        "term",
        lambda fw, p: [
            f'{_session(fw)}.setdefault("recent_searches", []).append({p})',
            ok(fw, '{"saved": True}'),
        ],
        '"news"',
        ("news", "sports"),
        SESSION_IMPORTS,
        frameworks=("flask", "django"),
        setup=SESSION_SETUP,
        doc="Remember recent searches.",
    ),
    Scenario(
        "request.session[role]",
        "/accounts/role",
        "choose_role",
        "role",
        "role",
        None,
        "role",
        _store("role"),
        '"viewer"',
        ("viewer", "editor"),
        SESSION_IMPORTS,
        frameworks=("django", "fastapi"),
        setup=SESSION_SETUP,
        doc="Switch the active role of the account.",
    ),
    Scenario(
        "session[dynamic key]",
        "/filters/enable",
        "enable_filter",
        "filter",
        "name",
        "filter_{}",
        "key",
        lambda fw, p: [f"{_session(fw)}[{p}] = True", ok(fw, '{"enabled": True}')],
        '"unread"',
        ("unread", "starred"),
        SESSION_IMPORTS,
        builders=("fstring", "concat", "format", "percent"),
        setup=SESSION_SETUP,
        doc="Enable a filter of the inbox.",
    ),
)
