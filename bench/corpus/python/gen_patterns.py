"""Scenarios of the pattern classes: insecure cookies, weak hashes and weak randomness.

The request's value only travels into storage here; the flaw is the cookie's flags, the hash or
the generator. A safe twin sets every flag, uses a strong algorithm or the ``secrets`` module; the
*benign* scenarios use md5 or ``random`` for something that is not a secret.
"""

from __future__ import annotations

from gen_model import Safe, Scenario, SinkFn, ok, refuse

# --- insecure cookies -------------------------------------------------------------------------

COOKIE_CONTEXTS = (
    (
        "/session/guest",
        "start_guest_session",
        "nickname",
        "session_id",
        "Start a guest session for the shop.",
    ),
    (
        "/remember-me",
        "remember_me",
        "username",
        "remember_token",
        "Keep a user signed in on this device.",
    ),
    ("/cart/new", "new_cart", "currency", "cart_session", "Open a shopping cart."),
    (
        "/auth/refresh",
        "refresh_session",
        "client",
        "access_token",
        "Rotate the browser's access token.",
    ),
)
# Flag sets that leave out Secure, HttpOnly or SameSite (or turn one off).
VULN_FLAGS: tuple[dict[str, object], ...] = (
    {},
    {"secure": True},
    {"httponly": True},
    {"secure": True, "httponly": True},
    {"httponly": True, "samesite": "Lax"},
    {"secure": True, "samesite": "Strict"},
    {"secure": False, "httponly": True, "samesite": "Lax"},
    {"secure": True, "httponly": False, "samesite": "Lax"},
    {"secure": True, "httponly": True, "samesite": "None"},
    {"samesite": "Lax"},
)
SAFE_FLAGS: tuple[dict[str, object], ...] = (
    {"secure": True, "httponly": True, "samesite": "Lax"},
    {"secure": True, "httponly": True, "samesite": "Strict"},
    {"path": "/", "secure": True, "httponly": True, "samesite": "Lax"},
)
COOKIE_IMPORTS = ("secrets", "fastapi.responses:JSONResponse")


def _flags(fw: str, flags: dict[str, object]) -> str:
    parts = []
    for name, value in flags.items():
        if isinstance(value, str):
            text = value.lower() if fw == "fastapi" else value
            parts.append(f'{name}="{text}"')
        else:
            parts.append(f"{name}={value}")
    return "".join(", " + p for p in parts)


def _cookie_sink(cookie: str, flags: dict[str, object] | None, spread: bool = False) -> SinkFn:
    def sink(fw: str, p: str) -> list[str]:
        rest = ", **COOKIE_FLAGS" if spread else _flags(fw, flags or {})
        if fw == "fastapi":
            arguments = f'key="{cookie}", value=token, max_age=3600{rest}'
            answer = 'response = JSONResponse({"status": "ok"})'
        else:
            arguments = f'"{cookie}", token, max_age=3600{rest}'
            answer = ok(fw, '{"status": "ok"}').replace("return ", "response = ", 1)
        call = [f"response.set_cookie({arguments})"]
        if len(call[0]) > 96:
            call = ["response.set_cookie(", f"    {arguments}", ")"]
        return [
            "token = secrets.token_urlsafe(32)",
            f"SESSIONS[token] = {p}",
            answer,
            *call,
            "return response",
        ]

    return sink


def _cookie_scenarios() -> tuple[Scenario, ...]:
    scenarios = []
    for i, flags in enumerate(VULN_FLAGS):
        route, func, field, cookie, doc = COOKIE_CONTEXTS[i % len(COOKIE_CONTEXTS)]
        safe_flags = SAFE_FLAGS[(i // len(COOKIE_CONTEXTS)) % len(SAFE_FLAGS)]
        frameworks = (
            ("flask", "django")
            if flags == {"secure": True, "httponly": True}
            else ("flask", "django", "fastapi")
        )
        spread = (
            "COOKIE_FLAGS = {",
            '    "secure": True,',
            '    "httponly": True,',
            '    "samesite": "Lax",',
            "}",
        )
        safe = [Safe("flags", sink=_cookie_sink(cookie, safe_flags))]
        if i % 3 == 2:
            safe.append(
                Safe("flags.dict", module=spread, sink=_cookie_sink(cookie, None, spread=True))
            )
        flag_id = ",".join(f"{k}={v}" for k, v in flags.items()) or "no-flags"
        scenarios.append(
            Scenario(
                f"set_cookie[{flag_id}]",
                route,
                func,
                field,
                field,
                None,
                field,
                _cookie_sink(cookie, flags),
                '"guest"',
                (),
                COOKIE_IMPORTS,
                module=("SESSIONS: dict[str, str] = {}",),
                frameworks=frameworks,
                doc=doc,
                method="POST",
                safe=tuple(safe),
            )
        )
    return tuple(scenarios)


COOKIE = _cookie_scenarios()

# Whole programs: the session cookie's configuration, and a Set-Cookie header written by hand.
COOKIE_PROGRAMS: tuple[tuple[str, str, bool], ...] = (
    (
        "flask.config[SESSION_COOKIE_SECURE=False]",
        '''"""Shop front with server-side carts in the session."""

import os

from flask import Flask, jsonify, session

app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]
app.config.update(
    SESSION_COOKIE_SECURE=%s,
    SESSION_COOKIE_HTTPONLY=True,
    SESSION_COOKIE_SAMESITE="Lax",
)


@app.route("/cart/clear", methods=["POST"])
def clear_cart():
    session["cart"] = []
    return jsonify({"items": 0})
''',
        True,
    ),
    (
        "flask.config[SESSION_COOKIE_HTTPONLY=False]",
        '''"""Reading list kept in the session."""

import os

from flask import Flask, jsonify, session

app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]
app.config["SESSION_COOKIE_SECURE"] = True
app.config["SESSION_COOKIE_HTTPONLY"] = %s
app.config["SESSION_COOKIE_SAMESITE"] = "Strict"


@app.route("/reading-list/reset", methods=["POST"])
def reset_reading_list():
    session["reading_list"] = []
    return jsonify({"status": "reset"})
''',
        True,
    ),
    (
        "django.settings[SESSION_COOKIE_SECURE=False]",
        '''"""Production settings of the site (secrets come from the environment)."""

import os

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DEBUG = False
ALLOWED_HOSTS = ["www.example.com"]

SESSION_COOKIE_SECURE = %s
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = True
''',
        True,
    ),
    (
        "django.settings[SESSION_COOKIE_SAMESITE=None]",
        '''"""Production settings of the intranet (secrets come from the environment)."""

import os

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DEBUG = False
ALLOWED_HOSTS = ["intranet.example.com"]

SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = %s
CSRF_COOKIE_SECURE = True
''',
        False,
    ),
    (
        "Set-Cookie header",
        '''"""Sign-in for the kiosk application."""

import secrets

from flask import Flask, jsonify, request

app = Flask(__name__)
SESSIONS: dict[str, str] = {}


@app.route("/kiosk/sign-in", methods=["POST"])
def kiosk_sign_in():
    token = secrets.token_urlsafe(32)
    SESSIONS[token] = request.form["badge"]
    response = jsonify({"status": "ok"})
    cookie = f"kiosk_session={token}; Path=/; Max-Age=3600%s"
    response.headers.add("Set-Cookie", cookie)
    return response
''',
        False,
    ),
)


def cookie_programs() -> list[tuple[str, str, bool]]:
    """(variant, text, vulnerable) of the whole-program cookie cases."""
    cases = []
    for variant, text, boolean in COOKIE_PROGRAMS:
        if variant.startswith("django.settings[SESSION_COOKIE_SAMESITE"):
            bad, good = "None", '"Lax"'
        elif boolean:
            bad, good = "False", "True"
        else:
            bad, good = "", "; Secure; HttpOnly; SameSite=Lax"
        cases.append((f"sink={variant}", text % bad, True))
        cases.append((f"sink={variant};safe=flags", text % good, False))
    return cases


# --- weak hashes ------------------------------------------------------------------------------


def _helper(name: str, params: str, returns: str, *body: str) -> tuple[str, ...]:
    return (f"def {name}({params}) -> {returns}:", *("    " + line for line in body))


def _fast(expr: str) -> tuple[str, ...]:
    return _helper("hash_password", "password: str", "str", f"return {expr}")


PBKDF2 = _helper(
    "hash_password",
    "password: str",
    "str",
    "salt = os.urandom(16)",
    'digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)',
    'return salt.hex() + "$" + digest.hex()',
)
SCRYPT = _helper(
    "hash_password",
    "password: str",
    "str",
    "salt = os.urandom(16)",
    "digest = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)",
    'return salt.hex() + "$" + digest.hex()',
)
WERKZEUG = _helper(
    "hash_password", "password: str", "str", "return generate_password_hash(password)"
)
BCRYPT = _helper(
    "hash_password",
    "password: str",
    "str",
    "return bcrypt.hashpw(password.encode(), bcrypt.gensalt()).decode()",
)
ARGON2 = (
    "HASHER = PasswordHasher()",
    "",
    "",
    *_helper("hash_password", "password: str", "str", "return HASHER.hash(password)"),
)


def _store_password(fw: str, p: str) -> list[str]:
    return [f"save_password_hash(hash_password({p}))", ok(fw, '{"status": "updated"}')]


POST_SOURCES = (
    "flask.form[]",
    "flask.form.get",
    "flask.get_json",
    "flask.json.get",
    "django.POST.get",
    "django.POST[]",
    "fastapi.Form",
    "fastapi.request.json",
)
HASH_IMPORTS = ("hashlib", "os", "accounts.store:save_password_hash")


def _password(
    id_: str,
    helper: tuple[str, ...],
    safe_id: str,
    safe_helper: tuple[str, ...],
    imports: tuple[str, ...] = (),
    safe_imports: tuple[str, ...] = (),
) -> Scenario:
    return Scenario(
        id_,
        "/account/password",
        "change_password",
        "password",
        "password",
        None,
        "password",
        _store_password,
        '"correct horse battery staple"',
        (),
        HASH_IMPORTS + imports,
        module=(helper),
        doc="Change the signed-in user's password.",
        method="POST",
        sources=POST_SOURCES,
        safe=(Safe(safe_id, imports=safe_imports, module=(safe_helper), replaces_module=True),),
    )


def _signature_check(fw: str, p: str) -> list[str]:
    body = {"flask": "request.get_data()", "django": "request.body"}.get(fw, "await request.body()")
    return [
        f"if not hmac.compare_digest(sign({body}), {p}):",
        "    " + refuse(fw, "bad signature", 401),
        ok(fw, '{"accepted": True}'),
    ]


KEY = ('WEBHOOK_KEY = os.environ["WEBHOOK_KEY"].encode()', "", "")
HMAC_SHA256 = (
    *KEY,
    *_helper(
        "sign",
        "body: bytes",
        "str",
        "return hmac.new(WEBHOOK_KEY, body, hashlib.sha256).hexdigest()",
    ),
)


def _webhook(id_: str, helper: tuple[str, ...], imports: tuple[str, ...] = ()) -> Scenario:
    return Scenario(
        id_,
        "/webhooks/payments",
        "payment_webhook",
        "signature",
        "signature",
        None,
        "signature",
        _signature_check,
        '""',
        (),
        ("hmac", "hashlib", "os", *imports),
        module=((*KEY, *helper)),
        doc="Payment provider notifications.",
        method="POST",
        sources=("flask.headers.get", "django.META", "fastapi.Header"),
        safe=(Safe("hmac-sha256", module=(HMAC_SHA256), replaces_module=True),),
    )


def _link(fw: str, p: str) -> list[str]:
    return [f"token = sign_link({p})", ok(fw, f'{{"url": "/files/" + {p} + "?token=" + token}}')]


LINK_KEY = ('LINK_KEY = os.environ["DOWNLOAD_LINK_KEY"]', "", "")


def _api_key(fw: str, p: str) -> list[str]:
    return [
        "api_key = secrets.token_urlsafe(32)",
        f"API_KEYS[fingerprint(api_key)] = {p}",
        ok(fw, '{"api_key": api_key}'),
    ]


HASH = (
    _password(
        "md5.password", _fast("hashlib.md5(password.encode()).hexdigest()"), "pbkdf2_hmac", PBKDF2
    ),
    _password(
        "sha1.password", _fast("hashlib.sha1(password.encode()).hexdigest()"), "scrypt", SCRYPT
    ),
    _password(
        "sha256.unsalted.password",
        _fast("hashlib.sha256(password.encode()).hexdigest()"),
        "generate_password_hash",
        WERKZEUG,
        safe_imports=("werkzeug.security:generate_password_hash",),
    ),
    _password(
        "md5.salted.password",
        _helper(
            "hash_password",
            "password: str",
            "str",
            "salt = os.urandom(8).hex()",
            'return salt + "$" + hashlib.md5((salt + password).encode()).hexdigest()',
        ),
        "bcrypt",
        BCRYPT,
        safe_imports=("bcrypt",),
    ),
    _password(
        "hashlib.new(md5).password",
        _fast('hashlib.new("md5", password.encode()).hexdigest()'),
        "pbkdf2_hmac",
        PBKDF2,
    ),
    _password(
        "sha512.one-round.password",
        _helper(
            "hash_password",
            "password: str",
            "str",
            "salt = os.urandom(16)",
            'return salt.hex() + "$" + hashlib.sha512(salt + password.encode()).hexdigest()',
        ),
        "scrypt",
        SCRYPT,
    ),
    _password(
        "pbkdf2.1000-iterations.password",
        _helper(
            "hash_password",
            "password: str",
            "str",
            "salt = os.urandom(16)",
            'digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 1000)',
            'return salt.hex() + "$" + digest.hex()',
        ),
        "pbkdf2_hmac[600000]",
        PBKDF2,
    ),
    _password(
        "Crypto.Hash.MD5.password",
        _fast("MD5.new(password.encode()).hexdigest()"),
        "argon2",
        ARGON2,
        imports=("Crypto.Hash:MD5",),
        safe_imports=("argon2:PasswordHasher",),
    ),
    _webhook(
        "hmac-md5.signature",
        _helper(
            "sign",
            "body: bytes",
            "str",
            "return hmac.new(WEBHOOK_KEY, body, hashlib.md5).hexdigest()",
        ),
    ),
    _webhook(
        "sha1(key+body).signature",
        _helper(
            "sign", "body: bytes", "str", "return hashlib.sha1(WEBHOOK_KEY + body).hexdigest()"
        ),
    ),
    _webhook(
        "cryptography.MD5.signature",
        _helper(
            "sign",
            "body: bytes",
            "str",
            "digest = hashes.Hash(hashes.MD5())",
            "digest.update(WEBHOOK_KEY + body)",
            "return digest.finalize().hex()",
        ),
        imports=("cryptography.hazmat.primitives:hashes",),
    ),
    Scenario(
        "md5(key:id).download-link",
        "/files/link",
        "download_link",
        "file_id",
        "file_id",
        None,
        "file_id",
        _link,
        '"report-2024"',
        (),
        ("hashlib", "hmac", "os"),
        module=(
            (
                *LINK_KEY,
                *_helper(
                    "sign_link",
                    "file_id: str",
                    "str",
                    'return hashlib.md5(f"{LINK_KEY}:{file_id}".encode()).hexdigest()',
                ),
            )
        ),
        doc="Signed download links for shared files.",
        safe=(
            Safe(
                "hmac-sha256",
                replaces_module=True,
                module=(
                    (
                        *LINK_KEY,
                        *_helper(
                            "sign_link",
                            "file_id: str",
                            "str",
                            "return hmac.new(LINK_KEY.encode(), file_id.encode(), hashlib.sha256)"
                            ".hexdigest()",
                        ),
                    )
                ),
            ),
        ),
    ),
    Scenario(
        "md5.api-key",
        "/api-keys",
        "create_api_key",
        "owner",
        "owner",
        None,
        "owner",
        _api_key,
        '"ci-bot"',
        (),
        ("hashlib", "secrets"),
        module=(
            "API_KEYS: dict[str, str] = {}",
            "",
            "",
            *(
                _helper(
                    "fingerprint",
                    "api_key: str",
                    "str",
                    "return hashlib.md5(api_key.encode()).hexdigest()",
                )
            ),
        ),
        doc="Issue an API key; only its digest is kept.",
        method="POST",
        safe=(
            Safe(
                "sha256.high-entropy-key",
                replaces_module=True,
                module=(
                    "API_KEYS: dict[str, str] = {}",
                    "",
                    "",
                    *(
                        _helper(
                            "fingerprint",
                            "api_key: str",
                            "str",
                            "return hashlib.sha256(api_key.encode()).hexdigest()",
                        )
                    ),
                ),
            ),
        ),
    ),
)


def _cache(fw: str, p: str) -> list[str]:
    return [f"key = cache_key({p})", ok(fw, '{"cache_key": key}')]


HASH_BENIGN = (
    Scenario(
        "md5.cache-key[usedforsecurity=False]",
        "/thumbnails/key",
        "thumbnail_key",
        "url",
        "url",
        None,
        "url",
        _cache,
        '""',
        (),
        ("hashlib",),
        module=(
            _helper(
                "cache_key",
                "url: str",
                "str",
                "return hashlib.md5(url.encode(), usedforsecurity=False).hexdigest()",
            )
        ),
        doc="Cache key of a remote thumbnail.",
    ),
    Scenario(
        "sha1.etag[usedforsecurity=False]",
        "/articles/etag",
        "article_etag",
        "body",
        "body",
        None,
        "body",
        _cache,
        '""',
        (),
        ("hashlib",),
        module=(
            _helper(
                "cache_key",
                "body: str",
                "str",
                "return hashlib.sha1(body.encode(), usedforsecurity=False).hexdigest()",
            )
        ),
        doc="ETag of an article body.",
    ),
    Scenario(
        "md5.shard[usedforsecurity=False]",
        "/uploads/shard",
        "upload_shard",
        "name",
        "name",
        None,
        "name",
        lambda fw, p: [f"shard = shard_of({p})", ok(fw, '{"shard": shard}')],
        '""',
        (),
        ("hashlib",),
        module=(
            _helper(
                "shard_of",
                "name: str",
                "int",
                "digest = hashlib.md5(name.encode(), usedforsecurity=False).digest()",
                "return digest[0] % 16",
            )
        ),
        doc="Storage shard of an upload.",
    ),
    Scenario(
        "sha256.checksum",
        "/packages/checksum",
        "package_checksum",
        "content",
        "content",
        None,
        "content",
        _cache,
        '""',
        (),
        ("hashlib",),
        module=(
            _helper(
                "cache_key",
                "content: str",
                "str",
                "return hashlib.sha256(content.encode()).hexdigest()",
            )
        ),
        doc="Checksum of an uploaded package manifest.",
    ),
)

# --- weak randomness --------------------------------------------------------------------------


def _otp(fw: str, p: str) -> list[str]:
    return [
        "code = new_code()",
        f"PENDING_CODES[{p}] = code",
        f"send_sms({p}, code)",
        ok(fw, '{"status": "sent"}'),
    ]


def _reset(fw: str, p: str) -> list[str]:
    return [
        "token = new_token()",
        f"RESET_TOKENS[token] = {p}",
        f'send_mail({p}, "Reset your password", "/reset/" + token)',
        ok(fw, '{"status": "sent"}'),
    ]


def _issued(fw: str, p: str) -> list[str]:
    return [
        "token = new_token()",
        f"TOKENS[token] = {p}",
        ok(fw, '{"token": token}'),
    ]


def _random(
    id_: str,
    kind: str,
    body: tuple[str, ...],
    safe_id: str,
    safe_body: tuple[str, ...],
    imports: tuple[str, ...] = (),
    safe_imports: tuple[str, ...] = (),
) -> Scenario:
    extra: tuple[str, ...]
    if kind == "otp":
        route, func, field, sink = "/login/code", "send_login_code", "phone", _otp
        store, helper, extra = "PENDING_CODES", "new_code", ("notifications:send_sms",)
        doc = "One-time sign-in codes by SMS."
    elif kind == "reset":
        route, func, field, sink = "/password/forgot", "forgot_password", "email", _reset
        store, helper, extra = "RESET_TOKENS", "new_token", ("notifications:send_mail",)
        doc = "Password reset links by e-mail."
    else:
        route, func, field, sink = "/tokens", "issue_token", "client", _issued
        store, helper, extra = "TOKENS", "new_token", ()
        doc = "Issue an access token to a client."
    head = (f"{store}: dict[str, str] = {{}}", "", "")

    def module(lines: tuple[str, ...]) -> tuple[str, ...]:
        return (*head, *(_helper(helper, "", "str", *lines)))

    return Scenario(
        id_,
        route,
        func,
        field,
        field,
        None,
        field,
        sink,
        '"user@example.com"',
        (),
        ("random", "string", *extra, *imports),
        module=module(body),
        doc=doc,
        method="POST",
        safe=(
            Safe(
                safe_id,
                imports=("secrets", "os", "random", "uuid", *safe_imports),
                module=module(safe_body),
                replaces_module=True,
            ),
        ),
    )


ALPHABET = "alphabet = string.ascii_letters + string.digits"

RANDOM = (
    _random(
        "random.randint.otp",
        "otp",
        ("return str(random.randint(100000, 999999))",),
        "secrets.randbelow",
        ("return str(secrets.randbelow(900000) + 100000)",),
    ),
    _random(
        "random.choice.reset-token",
        "reset",
        (f"{ALPHABET}", 'return "".join(random.choice(alphabet) for _ in range(32))'),
        "secrets.choice",
        (f"{ALPHABET}", 'return "".join(secrets.choice(alphabet) for _ in range(32))'),
    ),
    _random(
        "random.choices.token",
        "token",
        ('return "".join(random.choices(string.ascii_letters + string.digits, k=24))',),
        "secrets.token_urlsafe",
        ("return secrets.token_urlsafe(18)",),
    ),
    _random(
        "random.getrandbits.session",
        "token",
        ('return "%032x" % random.getrandbits(128)',),
        "secrets.token_hex",
        ("return secrets.token_hex(16)",),
    ),
    _random(
        "random.random.reset-token",
        "reset",
        ("return str(random.random())[2:]",),
        "secrets.token_urlsafe",
        ("return secrets.token_urlsafe(32)",),
    ),
    _random(
        "random.Random(time).otp",
        "otp",
        ("rng = random.Random(time.time())", 'return "%06d" % rng.randrange(10**6)'),
        "SystemRandom",
        ("rng = random.SystemRandom()", 'return "%06d" % rng.randrange(10**6)'),
        imports=("time",),
    ),
    _random(
        "uuid1.reset-token",
        "reset",
        ("return uuid.uuid1().hex",),
        "uuid4",
        ("return uuid.uuid4().hex",),
        imports=("uuid",),
    ),
    _random(
        "random.randbytes.token",
        "token",
        ("return random.randbytes(16).hex()",),
        "os.urandom",
        ("return os.urandom(16).hex()",),
    ),
    _random(
        "random.sample.otp",
        "otp",
        ('return "".join(random.sample(string.digits, 6))',),
        "secrets.choice",
        ('return "".join(secrets.choice(string.digits) for _ in range(6))',),
    ),
    _random(
        "random.getrandbits.api-key",
        "token",
        ("return hex(random.getrandbits(256))[2:]",),
        "secrets.token_hex",
        ("return secrets.token_hex(32)",),
    ),
)


def _benign(
    id_: str,
    route: str,
    func: str,
    field: str,
    lines: tuple[str, ...],
    helper: tuple[str, ...],
    doc: str,
    module: tuple[str, ...] = (),
) -> Scenario:
    return Scenario(
        id_,
        route,
        func,
        field,
        field,
        None,
        field,
        lambda fw, p: (
            [line.replace("{p}", p) for line in lines[:-1]] + [ok(fw, lines[-1].replace("{p}", p))]
        ),
        '""',
        (),
        ("random",),
        module=(*module, *(helper)),
        doc=doc,
    )


RANDOM_BENIGN = (
    _benign(
        "random.shuffle.playlist",
        "/playlists/shuffle",
        "shuffle_playlist",
        "playlist",
        ("tracks = shuffled(PLAYLISTS.get({p}, []))", '{"tracks": tracks}'),
        _helper(
            "shuffled",
            "tracks: list[str]",
            "list[str]",
            "order = list(tracks)",
            "random.shuffle(order)",
            "return order",
        ),
        "Shuffle a playlist.",
        module=('PLAYLISTS = {"focus": ["Intro", "Rain", "Deep work"]}', "", ""),
    ),
    _benign(
        "random.uniform.jitter",
        "/sync/schedule",
        "schedule_sync",
        "device",
        ("delay = next_delay(len({p}))", '{"retry_in": delay}'),
        _helper(
            "next_delay",
            "attempt: int",
            "float",
            "return min(60.0, 2.0**attempt) + random.uniform(0, 1)",
        ),
        "When a device should retry its sync.",
    ),
    _benign(
        "random.choice.tip",
        "/tips",
        "tip_of_the_day",
        "topic",
        ("tip = pick_tip(TIPS.get({p}, TIPS['general']))", '{"tip": tip}'),
        _helper("pick_tip", "tips: list[str]", "str", "return random.choice(tips)"),
        "Tip of the day.",
        module=('TIPS = {"general": ["Use keyboard shortcuts", "Star what you like"]}', "", ""),
    ),
    _benign(
        "random.random.ab-test",
        "/experiments/bucket",
        "experiment_bucket",
        "experiment",
        ("bucket = assign_bucket()", '{"experiment": {p}, "bucket": bucket}'),
        _helper("assign_bucket", "", "str", 'return "b" if random.random() < 0.5 else "a"'),
        "Assign a visitor to a layout experiment.",
    ),
    _benign(
        "random.choice.avatar-colour",
        "/avatars/colour",
        "avatar_colour",
        "name",
        ("colour = pick_colour()", '{"name": {p}, "colour": colour}'),
        _helper("pick_colour", "", "str", "return random.choice(COLOURS)"),
        "Colour of a default avatar.",
        module=('COLOURS = ["#e57373", "#64b5f6", "#81c784", "#ffb74d"]', "", ""),
    ),
)
