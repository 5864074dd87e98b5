"""Scenarios of LDAP, XPath and server-side template injection."""

from __future__ import annotations

from gen_model import Safe, Scenario, SinkFn, ok, refuse

NAME_RE = r'r"[A-Za-z0-9._-]{1,64}"'


def _regex(what: str) -> Safe:
    return Safe(
        "regex",
        imports=("re",),
        check=lambda fw, v: [
            f"if not re.fullmatch({NAME_RE}, {v}):",
            "    " + refuse(fw, f"invalid {what}"),
        ],
    )


# --- LDAP -------------------------------------------------------------------------------------

PYTHON_LDAP = (
    "def directory():",
    '    conn = ldap.initialize(os.environ["LDAP_URI"])',
    '    conn.simple_bind_s(os.environ["LDAP_BIND_DN"], os.environ["LDAP_BIND_PASSWORD"])',
    "    return conn",
)
LDAP3 = (
    'SERVER = Server(os.environ["LDAP_HOST"], use_ssl=True)',
    "",
    "",
    "def directory():",
    "    return Connection(",
    '        SERVER, os.environ["LDAP_BIND_DN"], os.environ["LDAP_BIND_PASSWORD"], auto_bind=True',
    "    )",
)
ESCAPE = Safe(
    "escape_filter_chars",
    imports=("ldap.filter:escape_filter_chars",),
    wrap="{var} = escape_filter_chars({v})",
)
ESCAPE3 = Safe(
    "escape_filter_chars",
    imports=("ldap3.utils.conv:escape_filter_chars",),
    wrap="{var} = escape_filter_chars({v})",
)


def _search_s(base: str, attrs: str) -> SinkFn:
    def sink(fw: str, p: str) -> list[str]:
        return [
            f'results = directory().search_s("{base}", ldap.SCOPE_SUBTREE, {p}, {attrs})'
            if len(base) + len(p) + len(attrs) < 40
            else "results = directory().search_s(",
            *(
                []
                if len(base) + len(p) + len(attrs) < 40
                else [f'    "{base}", ldap.SCOPE_SUBTREE, {p}, {attrs}', ")"]
            ),
            ok(fw, '{"entries": [dn for dn, _ in results]}'),
        ]

    return sink


def _search3(base: str) -> SinkFn:
    def sink(fw: str, p: str) -> list[str]:
        return [
            "conn = directory()",
            f'conn.search("{base}", {p}, attributes=["cn", "mail"])',
            ok(fw, '{"entries": [entry.entry_dn for entry in conn.entries]}'),
        ]

    return sink


LDAP = (
    Scenario(
        "ldap.search_s",
        "/directory/user",
        "find_user",
        "uid",
        "uid",
        "(uid={})",
        "search_filter",
        _search_s("ou=people,dc=example,dc=org", '["cn", "mail"]'),
        '"jdoe"',
        ("jdoe", "asmith"),
        ("ldap", "os"),
        module=PYTHON_LDAP,
        doc="Look a colleague up in the company directory.",
        safe=(ESCAPE, _regex("user id")),
    ),
    Scenario(
        "ldap.search_s[and]",
        "/directory/mail",
        "find_by_mail",
        "mail",
        "mail",
        "(&(objectClass=person)(mail={}))",
        "search_filter",
        _search_s("dc=example,dc=org", '["uid"]'),
        '"help@example.org"',
        ("help@example.org", "it@example.org"),
        ("ldap", "os"),
        module=PYTHON_LDAP,
        doc="Find the account behind an e-mail address.",
        safe=(
            ESCAPE,
            Safe(
                "filter_format",
                imports=("ldap.filter:filter_format",),
                sink=lambda fw, v: [
                    f'search_filter = filter_format("(&(objectClass=person)(mail=%s))", [{v}])',
                    'results = directory().search_s("dc=example,dc=org", ldap.SCOPE_SUBTREE, '
                    'search_filter, ["uid"])',
                    ok(fw, '{"entries": [dn for dn, _ in results]}'),
                ],
            ),
        ),
    ),
    Scenario(
        "ldap3.search",
        "/directory/people",
        "people",
        "name",
        "name",
        "(cn={})",
        "search_filter",
        _search3("ou=people,dc=example,dc=org"),
        '"Jane Doe"',
        ("Jane Doe", "John Roe"),
        ("ldap3:Connection", "ldap3:Server", "os"),
        module=LDAP3,
        doc="People search of the intranet.",
        safe=(ESCAPE3,),
    ),
    Scenario(
        "ldap3.search[group]",
        "/directory/group",
        "group_members",
        "group",
        "group",
        "(&(objectClass=groupOfNames)(cn={}))",
        "search_filter",
        _search3("ou=groups,dc=example,dc=org"),
        '"admins"',
        ("admins", "developers"),
        ("ldap3:Connection", "ldap3:Server", "os"),
        module=LDAP3,
        doc="Members of a directory group.",
        safe=(ESCAPE3, _regex("group")),
    ),
    Scenario(
        "ldap.search_ext_s",
        "/directory/account",
        "account",
        "account",
        "account",
        "(sAMAccountName={})",
        "search_filter",
        lambda fw, p: [
            "results = directory().search_ext_s(",
            f'    "dc=corp,dc=example,dc=com", ldap.SCOPE_SUBTREE, {p}, ["displayName"]',
            ")",
            ok(fw, '{"entries": [dn for dn, _ in results]}'),
        ],
        '"svc-backup"',
        ("svc-backup", "svc-build"),
        ("ldap", "os"),
        module=PYTHON_LDAP,
        doc="Active Directory account lookup for the help desk.",
        safe=(ESCAPE,),
    ),
    Scenario(
        "ldap.search_s[dn]",
        "/directory/entry",
        "entry",
        "user",
        "user",
        "uid={},ou=people,dc=example,dc=org",
        "dn",
        lambda fw, p: [
            f'results = directory().search_s({p}, ldap.SCOPE_BASE, "(objectClass=*)", ["cn"])',
            ok(fw, '{"entries": [dn for dn, _ in results]}'),
        ],
        '"jdoe"',
        ("jdoe", "asmith"),
        ("ldap", "os"),
        module=PYTHON_LDAP,
        doc="Read one directory entry by its user id.",
        safe=(
            Safe(
                "escape_dn_chars",
                imports=("ldap.dn:escape_dn_chars",),
                wrap="{var} = escape_dn_chars({v})",
            ),
        ),
    ),
)

# --- XPath ------------------------------------------------------------------------------------

XML_PARSER = ("PARSER = etree.XMLParser(resolve_entities=False, no_network=True)",)


def _lxml(path: str, lines: list[str], result: str, fw: str) -> list[str]:
    return [f'tree = etree.parse("{path}", PARSER)', *lines, ok(fw, result)]


XPATH = (
    Scenario(
        "lxml.xpath",
        "/users/email",
        "user_email",
        "name",
        "name",
        "//user[name='{}']/email/text()",
        "query",
        lambda fw, p: _lxml(
            "data/users.xml",
            [f"emails = tree.xpath({p})"],
            '{"emails": [str(email) for email in emails]}',
            fw,
        ),
        '"alice"',
        ("alice", "bob"),
        ("lxml:etree",),
        module=XML_PARSER,
        doc="E-mail address of a user of the XML user store.",
        safe=(
            Safe(
                "xpath.variables",
                sink=lambda fw, v: _lxml(
                    "data/users.xml",
                    [f'emails = tree.xpath("//user[name=$name]/email/text()", name={v})'],
                    '{"emails": [str(email) for email in emails]}',
                    fw,
                ),
            ),
            _regex("name"),
        ),
    ),
    Scenario(
        "lxml.XPath",
        "/books/titles",
        "titles_by_author",
        "author",
        "author",
        "//book[author='{}']/title/text()",
        "expression",
        lambda fw, p: _lxml(
            "data/catalog.xml",
            [f"find_titles = etree.XPath({p})", "titles = find_titles(tree)"],
            '{"titles": [str(title) for title in titles]}',
            fw,
        ),
        '"Tolkien"',
        ("Tolkien", "Le Guin"),
        ("lxml:etree",),
        module=XML_PARSER,
        doc="Book titles of an author in the catalogue.",
        safe=(
            Safe(
                "xpath.variables",
                sink=lambda fw, v: _lxml(
                    "data/catalog.xml",
                    [
                        'find_titles = etree.XPath("//book[author=$author]/title/text()")',
                        f"titles = find_titles(tree, author={v})",
                    ],
                    '{"titles": [str(title) for title in titles]}',
                    fw,
                ),
            ),
        ),
    ),
    Scenario(
        "lxml.xpath[login]",
        "/accounts/active",
        "account_active",
        "username",
        "username",
        "//account[username='{}' and active='true']",
        "query",
        lambda fw, p: _lxml(
            "data/accounts.xml", [f"matches = tree.xpath({p})"], '{"active": bool(matches)}', fw
        ),
        '"operator"',
        ("operator", "auditor"),
        ("lxml:etree",),
        module=XML_PARSER,
        doc="Whether an account of the XML account store is active.",
        safe=(
            Safe(
                "xpath.variables",
                sink=lambda fw, v: _lxml(
                    "data/accounts.xml",
                    [
                        "matches = tree.xpath(\"//account[username=$username and active='true']\", "
                        f"username={v})"
                    ],
                    '{"active": bool(matches)}',
                    fw,
                ),
            ),
            _regex("username"),
        ),
    ),
    Scenario(
        "ElementTree.findall",
        "/products/by-sku",
        "product_by_sku",
        "sku",
        "sku",
        "./product[@sku='{}']",
        "path",
        lambda fw, p: [
            'root = ElementTree.parse("data/products.xml").getroot()',
            f"products = root.findall({p})",
            ok(fw, '{"names": [product.findtext("name") for product in products]}'),
        ],
        '"SKU-1"',
        ("SKU-1", "SKU-2"),
        ("xml.etree:ElementTree",),
        doc="Products of the XML feed by stock-keeping unit.",
        safe=(
            Safe(
                "filter.in.python",
                sink=lambda fw, v: [
                    'root = ElementTree.parse("data/products.xml").getroot()',
                    f'products = [p for p in root.findall("./product") if p.get("sku") == {v}]',
                    ok(fw, '{"names": [product.findtext("name") for product in products]}'),
                ],
            ),
        ),
    ),
    Scenario(
        "lxml.xpath[number]",
        "/invoices/lines",
        "invoice_lines",
        "invoice",
        "invoice",
        "//invoice[@id={}]/line",
        "query",
        lambda fw, p: _lxml(
            "data/invoices.xml", [f"lines = tree.xpath({p})"], '{"lines": len(lines)}', fw
        ),
        '"1001"',
        ("1001", "1002"),
        ("lxml:etree",),
        module=XML_PARSER,
        builders=("fstring", "percent", "format"),
        doc="Lines of an invoice of the XML archive.",
        safe=(Safe("int", wrap="{var} = int({v})"),),
    ),
    Scenario(
        "lxml.XPathEvaluator",
        "/config/value",
        "config_value",
        "key",
        "key",
        "/settings/entry[@key='{}']/@value",
        "query",
        lambda fw, p: _lxml(
            "data/settings.xml",
            ["evaluate = etree.XPathEvaluator(tree)", f"values = evaluate({p})"],
            '{"values": [str(value) for value in values]}',
            fw,
        ),
        '"timezone"',
        ("timezone", "locale"),
        ("lxml:etree",),
        module=XML_PARSER,
        doc="A value of the XML settings file.",
        safe=(
            Safe(
                "xpath.variables",
                sink=lambda fw, v: _lxml(
                    "data/settings.xml",
                    [
                        "evaluate = etree.XPathEvaluator(tree)",
                        f'values = evaluate("/settings/entry[@key=$key]/@value", key={v})',
                    ],
                    '{"values": [str(value) for value in values]}',
                    fw,
                ),
            ),
        ),
    ),
)

# --- server-side template injection -----------------------------------------------------------


def _html(fw: str, expr: str) -> str:
    if fw == "flask":
        return f"return {expr}"
    if fw == "django":
        return f"return HttpResponse({expr})"
    return f"return HTMLResponse({expr})"


HTML_IMPORTS = ("django.http:HttpResponse", "fastapi.responses:HTMLResponse")

TEMPLATE = (
    Scenario(
        "render_template_string",
        "/preview",
        "preview",
        "template",
        "template",
        None,
        "template",
        lambda fw, p: [f"return render_template_string({p})"],
        '"<p>{{ 6 * 7 }}</p>"',
        (),
        ("flask:render_template_string",),
        frameworks=("flask",),
        doc="Preview of a newsletter template.",
        safe=(
            Safe(
                "template.context",
                sink=lambda fw, v: [
                    f'return render_template_string("<pre>{{{{ body }}}}</pre>", body={v})',
                ],
            ),
        ),
    ),
    Scenario(
        "render_template_string[greeting]",
        "/hello",
        "hello",
        "name",
        "name",
        "<h1>Hello {}!</h1>",
        "page",
        lambda fw, p: [f"return render_template_string({p})"],
        '"guest"',
        ("guest", "friend"),
        ("flask:render_template_string",),
        frameworks=("flask",),
        builders=("fstring", "concat", "format", "percent"),
        doc="A greeting page.",
        safe=(
            Safe(
                "template.context",
                sink=lambda fw, v: [
                    f'return render_template_string("<h1>Hello {{{{ name }}}}!</h1>", name={v})',
                ],
            ),
        ),
    ),
    Scenario(
        "jinja2.Environment.from_string",
        "/cards/render",
        "render_card",
        "message",
        "message",
        "<div class='card'>{}</div>",
        "source",
        lambda fw, p: [f"html = ENV.from_string({p}).render()", _html(fw, "html")],
        '"Happy birthday"',
        ("Happy birthday", "Congratulations"),
        ("jinja2:Environment", *HTML_IMPORTS),
        module=("ENV = Environment(autoescape=True)",),
        builders=("fstring", "concat", "format", "percent"),
        doc="Greeting cards.",
        safe=(
            Safe(
                "template.context",
                sink=lambda fw, v: [
                    "html = ENV.from_string(\"<div class='card'>{{ message }}</div>\")"
                    f".render(message={v})",
                    _html(fw, "html"),
                ],
            ),
        ),
    ),
    Scenario(
        "jinja2.Template",
        "/signature",
        "signature",
        "signature",
        "signature",
        None,
        "source",
        lambda fw, p: [
            f"html = Template({p}, autoescape=True).render(company=COMPANY)",
            _html(fw, "html"),
        ],
        '"Best regards, {{ company }}"',
        ("Best regards, {{ company }}",),
        ("jinja2:Template", *HTML_IMPORTS),
        module=('COMPANY = "Example Ltd"',),
        doc="E-mail signature editor.",
        safe=(
            Safe(
                "template.context",
                sink=lambda fw, v: [
                    'html = Template("{{ signature }}<br>{{ company }}", autoescape=True).render(',
                    f"    signature={v}, company=COMPANY",
                    ")",
                    _html(fw, "html"),
                ],
            ),
        ),
    ),
    Scenario(
        "django.Template",
        "/invitations/preview",
        "invitation_preview",
        "text",
        "text",
        "<p>{}</p>",
        "source",
        lambda fw, p: [
            f'html = Template({p}).render(Context({{"event": "Launch party"}}))',
            _html(fw, "html"),
        ],
        '"You are invited"',
        ("You are invited",),
        ("django.template:Context", "django.template:Template", "django.http:HttpResponse"),
        frameworks=("django",),
        builders=("fstring", "concat", "format", "percent"),
        doc="Preview of an invitation.",
        safe=(
            Safe(
                "template.context",
                sink=lambda fw, v: [
                    f'html = Template("<p>{{{{ text }}}}</p>").render(Context({{"text": {v}}}))',
                    _html(fw, "html"),
                ],
            ),
        ),
    ),
    Scenario(
        "jinja2.Environment.from_string[subject]",
        "/mail/subject",
        "mail_subject",
        "subject",
        "subject",
        None,
        "source",
        lambda fw, p: [
            f'subject = ENV.from_string({p}).render(order="A-1001")',
            ok(fw, '{"subject": subject}'),
        ],
        '"Your order {{ order }}"',
        ("Your order {{ order }}", "Order {{ order }} shipped"),
        ("jinja2:Environment",),
        module=("ENV = Environment(autoescape=True)",),
        doc="Subject line of order e-mails.",
        safe=(
            Safe(
                "template.context",
                sink=lambda fw, v: [
                    f'subject = ENV.from_string("{{{{ prefix }}}} A-1001").render(prefix={v})',
                    ok(fw, '{"subject": subject}'),
                ],
            ),
        ),
    ),
)
