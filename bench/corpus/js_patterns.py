# ruff: noqa: E501, S105
# Program text held as data: long lines and SQL-looking strings are the cases themselves.
"""The JavaScript pattern classes: insecure cookies, weak hashes, weak random values."""

from __future__ import annotations

from casegen import PatternPair, Side

CRYPTO = "const crypto = require('crypto');"
STORE = "const { users, sessions } = require('./store');"
LOGIN = (
    "const user = await users.authenticate(req.body.username, req.body.password);\n"
    "if (!user) {\n  <<REJECT>>\n}\n"
)
KOA_LOGIN = LOGIN.replace("req.body", "ctx.request.body")
TOKEN = (
    "const token = crypto.randomBytes(32).toString('hex');\nawait sessions.save(token, user.id);\n"
)
STRICT = "{ httpOnly: true, secure: true, sameSite: 'strict' }"
OK = "<<JSON { ok: true }>>"


def _cookie(label: str, options: str, name: str = "session_id") -> Side:
    return Side(label, LOGIN + TOKEN + f"res.cookie('{name}', token, {options});\n" + OK)


def _express_session(label: str, cookie: str) -> Side:
    return Side(
        label,
        LOGIN + "req.session.userId = user.id;\n" + OK,
        ("const session = require('express-session');",),
        (
            "app.use(session({ secret: process.env.SESSION_SECRET, resave: false, "
            f"saveUninitialized: false, cookie: {cookie} }}));",
        ),
    )


COOKIE: tuple[PatternPair, ...] = (
    PatternPair(
        "express",
        "POST",
        _cookie("res.cookie-no-options", "{}"),
        _cookie("secure-httponly-samesite", STRICT),
        (CRYPTO,),
        (STORE,),
    ),
    PatternPair(
        "express",
        "POST",
        _cookie("res.cookie-httponly-only", "{ httpOnly: true }", "auth"),
        _cookie("secure-httponly-samesite", STRICT, "auth"),
        (CRYPTO,),
        (STORE,),
    ),
    PatternPair(
        "express",
        "POST",
        _cookie("res.cookie-httponly-false", "{ secure: true, httpOnly: false, sameSite: 'lax' }"),
        _cookie("secure-httponly-samesite", "{ secure: true, httpOnly: true, sameSite: 'lax' }"),
        (CRYPTO,),
        (STORE,),
    ),
    PatternPair(
        "express",
        "POST",
        _cookie(
            "res.cookie-secure-false",
            "{ maxAge: 30 * 24 * 3600 * 1000, secure: false, httpOnly: true, sameSite: 'lax' }",
        ),
        _cookie(
            "secure-httponly-samesite",
            "{ maxAge: 30 * 24 * 3600 * 1000, secure: true, httpOnly: true, sameSite: 'lax' }",
        ),
        (CRYPTO,),
        (STORE,),
    ),
    PatternPair(
        "express",
        "POST",
        _express_session(
            "express-session-secure-false", "{ secure: false, httpOnly: true, sameSite: 'lax' }"
        ),
        _express_session(
            "express-session-secure", "{ secure: true, httpOnly: true, sameSite: 'lax' }"
        ),
        (),
        (STORE,),
    ),
    PatternPair(
        "express",
        "POST",
        _express_session(
            "express-session-httponly-false",
            "{ httpOnly: false, secure: true, sameSite: 'strict' }",
        ),
        _express_session(
            "express-session-httponly", "{ httpOnly: true, secure: true, sameSite: 'strict' }"
        ),
        (),
        (STORE,),
    ),
    PatternPair(
        "express",
        "POST",
        Side(
            "cookie-session-secure-false",
            LOGIN + "req.session.userId = user.id;\n" + OK,
            prelude=(
                "app.use(cookieSession({ name: 'session', keys: [process.env.COOKIE_KEY], "
                "secure: false, httpOnly: true }));",
            ),
        ),
        Side(
            "cookie-session-secure",
            LOGIN + "req.session.userId = user.id;\n" + OK,
            prelude=(
                "app.use(cookieSession({ name: 'session', keys: [process.env.COOKIE_KEY], "
                "secure: true, httpOnly: true, sameSite: 'strict' }));",
            ),
        ),
        ("const cookieSession = require('cookie-session');",),
        (STORE,),
    ),
    PatternPair(
        "koa",
        "POST",
        Side(
            "ctx.cookies.set-httponly-false",
            KOA_LOGIN + TOKEN + "ctx.cookies.set('sid', token, { httpOnly: false });\n" + OK,
        ),
        Side(
            "secure-httponly-samesite",
            KOA_LOGIN + TOKEN + f"ctx.cookies.set('sid', token, {STRICT});\n" + OK,
        ),
        (CRYPTO,),
        (STORE,),
    ),
    PatternPair(
        "http",
        "POST",
        Side(
            "Set-Cookie-header-no-flags",
            TOKEN.replace("user.id", "'anonymous'")
            + "res.setHeader('Set-Cookie', `sid=${token}; Path=/`);\n"
            + OK,
        ),
        Side(
            "Set-Cookie-header-flags",
            TOKEN.replace("user.id", "'anonymous'")
            + "res.setHeader('Set-Cookie', `sid=${token}; Path=/; Secure; HttpOnly; "
            "SameSite=Strict`);\n" + OK,
        ),
        (CRYPTO,),
        (STORE,),
    ),
    PatternPair(
        "http",
        "POST",
        Side(
            "cookie.serialize-no-flags",
            TOKEN.replace("user.id", "'anonymous'")
            + "res.setHeader('Set-Cookie', cookie.serialize('sid', token, { path: '/' }));\n"
            + OK,
        ),
        Side(
            "cookie.serialize-flags",
            TOKEN.replace("user.id", "'anonymous'")
            + "res.setHeader(\n  'Set-Cookie',\n  cookie.serialize('sid', token, { path: '/', "
            "httpOnly: true, secure: true, sameSite: 'strict' }),\n);\n" + OK,
        ),
        (CRYPTO, "const cookie = require('cookie');"),
        (STORE,),
    ),
    PatternPair(
        "express",
        "POST",
        _cookie("samesite-none", "{ httpOnly: true, secure: true, sameSite: 'none' }", "sid"),
        _cookie("samesite-strict", STRICT, "sid"),
        (CRYPTO,),
        (STORE,),
    ),
    PatternPair(
        "koa",
        "POST",
        Side(
            "koa-session-httponly-false",
            KOA_LOGIN + "ctx.session.userId = user.id;\n" + OK,
            prelude=(
                "app.keys = [process.env.SESSION_KEY];",
                "app.use(session({ key: 'shop.sess', httpOnly: false, secure: true, "
                "sameSite: 'lax' }, app));",
            ),
        ),
        Side(
            "koa-session-httponly",
            KOA_LOGIN + "ctx.session.userId = user.id;\n" + OK,
            prelude=(
                "app.keys = [process.env.SESSION_KEY];",
                "app.use(session({ key: 'shop.sess', httpOnly: true, secure: true, "
                "sameSite: 'lax' }, app));",
            ),
        ),
        ("const session = require('koa-session');",),
        (STORE,),
    ),
)

REGISTER = "const { username, password } = req.body;\n"
KOA_REGISTER = "const { username, password } = ctx.request.body;\n"
SCRYPT = (
    "const salt = crypto.randomBytes(16);\n"
    "const hash = crypto.scryptSync(password, salt, 64).toString('hex');\n"
    "await users.create(username, `${salt.toString('hex')}:${hash}`);\n"
)


def _register(framework: str, label: str, hashing: str, imports: tuple[str, ...] = ()) -> Side:
    head = KOA_REGISTER if framework == "koa" else REGISTER
    return Side(label, head + hashing + OK, imports)


WEB_HOOK = (
    "const signature = req.get('X-Signature') || '';\nconst payload = JSON.stringify(req.body);\n"
)
TIMING = (
    "if (!crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) {\n"
    "  <<REJECT>>\n}\n"
)

HASH: tuple[PatternPair, ...] = (
    PatternPair(
        "express",
        "POST",
        _register(
            "express",
            "md5-password",
            "const hash = crypto.createHash('md5').update(password).digest('hex');\n"
            "await users.create(username, hash);\n",
        ),
        _register("express", "scrypt-password", SCRYPT),
        (CRYPTO,),
        (STORE,),
    ),
    PatternPair(
        "express",
        "POST",
        Side(
            "sha1-password-check",
            "const user = await users.findByName(req.body.username);\n"
            "const digest = crypto.createHash('sha1').update(req.body.password).digest('hex');\n"
            "if (!user || digest !== user.passwordHash) {\n  <<REJECT>>\n}\n" + OK,
            (CRYPTO,),
        ),
        Side(
            "bcrypt-password-check",
            "const user = await users.findByName(req.body.username);\n"
            "if (!user || !(await bcrypt.compare(req.body.password, user.passwordHash))) {\n"
            "  <<REJECT>>\n}\n" + OK,
            ("const bcrypt = require('bcrypt');",),
        ),
        (),
        (STORE,),
    ),
    PatternPair(
        "express",
        "POST",
        Side(
            "md5-keyed-signature",
            WEB_HOOK + "const expected = crypto\n  .createHash('md5')\n"
            "  .update(process.env.WEBHOOK_SECRET + payload)\n  .digest('hex');\n" + TIMING + OK,
        ),
        Side(
            "hmac-sha256-signature",
            WEB_HOOK
            + "const expected = crypto\n  .createHmac('sha256', process.env.WEBHOOK_SECRET)\n"
            "  .update(payload)\n  .digest('hex');\n" + TIMING + OK,
        ),
        (CRYPTO,),
        (),
    ),
    PatternPair(
        "express",
        "POST",
        _register(
            "express",
            "pbkdf2-sha1-1000-iterations",
            "const salt = crypto.randomBytes(16);\n"
            "const hash = crypto.pbkdf2Sync(password, salt, 1000, 32, 'sha1').toString('hex');\n"
            "await users.create(username, `${salt.toString('hex')}:${hash}`);\n",
        ),
        _register(
            "express",
            "pbkdf2-sha256-600000-iterations",
            "const salt = crypto.randomBytes(16);\n"
            "const hash = crypto.pbkdf2Sync(password, salt, 600000, 32, 'sha256').toString('hex');\n"
            "await users.create(username, `${salt.toString('hex')}:${hash}`);\n",
        ),
        (CRYPTO,),
        (STORE,),
    ),
    PatternPair(
        "express",
        "POST",
        _register(
            "express",
            "sha1-salted-password",
            "const salt = crypto.randomBytes(16).toString('hex');\n"
            "const hash = crypto.createHash('sha1').update(password + salt).digest('hex');\n"
            "await users.create(username, `${salt}:${hash}`);\n",
        ),
        _register(
            "express",
            "bcrypt-password",
            "const hash = await bcrypt.hash(password, 12);\nawait users.create(username, hash);\n",
            ("const bcrypt = require('bcrypt');",),
        ),
        (CRYPTO,),
        (STORE,),
    ),
    PatternPair(
        "koa",
        "POST",
        _register(
            "koa",
            "md5-password",
            "const hash = crypto.createHash('md5').update(password).digest('base64');\n"
            "await users.updatePassword(username, hash);\n",
        ),
        Side(
            "argon2-password",
            KOA_REGISTER + "const hash = await argon2.hash(password);\n"
            "await users.updatePassword(username, hash);\n" + OK,
            ("const argon2 = require('argon2');",),
        ),
        (CRYPTO,),
        (STORE,),
    ),
    PatternPair(
        "http",
        "GET",
        Side(
            "md5-keyed-cookie-signature",
            "const userId = 'u-1001';\nconst signature = crypto\n  .createHash('md5')\n"
            "  .update(userId + process.env.COOKIE_SECRET)\n  .digest('hex');\n"
            "res.setHeader('Set-Cookie', `uid=${userId}.${signature}; Path=/; Secure; HttpOnly; "
            "SameSite=Strict`);\n" + OK,
        ),
        Side(
            "hmac-sha256-cookie-signature",
            "const userId = 'u-1001';\nconst signature = crypto\n"
            "  .createHmac('sha256', process.env.COOKIE_SECRET)\n  .update(userId)\n"
            "  .digest('hex');\n"
            "res.setHeader('Set-Cookie', `uid=${userId}.${signature}; Path=/; Secure; HttpOnly; "
            "SameSite=Strict`);\n" + OK,
        ),
        (CRYPTO,),
        (),
    ),
    PatternPair(
        "express",
        "POST",
        Side(
            "md5-pin",
            "const pin = String(req.body.pin);\n"
            "const digest = crypto.createHash('md5').update(pin).digest('hex');\n"
            "await users.setPin(req.body.username, digest);\n" + OK,
        ),
        Side(
            "scrypt-pin",
            "const pin = String(req.body.pin);\nconst salt = crypto.randomBytes(16);\n"
            "const digest = crypto.scryptSync(pin, salt, 64).toString('hex');\n"
            "await users.setPin(req.body.username, `${salt.toString('hex')}:${digest}`);\n" + OK,
        ),
        (CRYPTO,),
        (STORE,),
    ),
    PatternPair(
        "express",
        "GET",
        Side(
            "md5-remember-me-token",
            "const user = await users.findByName(req.query.username);\n"
            "const token = crypto\n  .createHash('md5')\n"
            "  .update(user.email + user.passwordHash)\n  .digest('hex');\n"
            "<<JSON { token }>>",
        ),
        Side(
            "md5-etag",
            "const body = JSON.stringify(await users.publicDirectory());\n"
            "const etag = crypto.createHash('md5').update(body).digest('hex');\n"
            "res.set('ETag', `\"${etag}\"`).type('application/json').send(body);",
        ),
        (CRYPTO,),
        (STORE,),
    ),
    PatternPair(
        "koa",
        "POST",
        Side(
            "sha1-password-check",
            "const { username, password } = ctx.request.body;\n"
            "const user = await users.findByName(username);\n"
            "const digest = crypto.createHash('sha1').update(password).digest('hex');\n"
            "if (!user || digest !== user.passwordHash) {\n  <<REJECT>>\n}\n" + OK,
        ),
        Side(
            "md5-cache-key",
            "const { query } = ctx.request.body;\n"
            "const cacheKey = crypto.createHash('md5').update(JSON.stringify(query)).digest('hex');\n"
            "ctx.body = { cacheKey, rows: await users.search(query) };",
        ),
        (CRYPTO,),
        (STORE,),
    ),
    PatternPair(
        "express",
        "GET",
        Side(
            "md5-signed-download-url",
            "const expires = Date.now() + 3600 * 1000;\nconst file = 'reports/q3.pdf';\n"
            "const signature = crypto\n  .createHash('md5')\n"
            "  .update(file + expires + process.env.URL_SIGNING_KEY)\n  .digest('hex');\n"
            "<<JSON { url: `/download/${file}?expires=${expires}&sig=${signature}` }>>",
        ),
        Side(
            "sha1-content-address",
            "const file = 'reports/q3.pdf';\nconst content = await fs.promises.readFile(file);\n"
            "const address = crypto.createHash('sha1').update(content).digest('hex');\n"
            "<<JSON { url: `/blobs/${address}` }>>",
            ("const fs = require('fs');",),
        ),
        (CRYPTO,),
        (),
    ),
    PatternPair(
        "express",
        "POST",
        _register(
            "express",
            "sha256-unsalted-password",
            "const hash = crypto.createHash('sha256').update(password).digest('hex');\n"
            "await users.create(username, hash);\n",
        ),
        _register(
            "express",
            "argon2-password",
            "const hash = await argon2.hash(password);\nawait users.create(username, hash);\n",
            ("const argon2 = require('argon2');",),
        ),
        (CRYPTO,),
        (STORE,),
    ),
)


def _token(label: str, expression: str, sink: str = "sessions.save(token, user.id)") -> Side:
    return Side(label, LOGIN + f"const token = {expression};\nawait {sink};\n" + OK)


RESET = "const user = await users.findByEmail(req.body.email);\nif (!user) {\n  <<REJECT>>\n}\n"

RANDOM: tuple[PatternPair, ...] = (
    PatternPair(
        "express",
        "POST",
        _token("Math.random-session-id", "Math.random().toString(36).slice(2)"),
        _token("crypto.randomBytes-session-id", "crypto.randomBytes(32).toString('hex')"),
        (CRYPTO,),
        (STORE,),
    ),
    PatternPair(
        "express",
        "POST",
        Side(
            "Math.random-otp",
            LOGIN + "const code = Math.floor(100000 + Math.random() * 900000);\n"
            "await users.sendOneTimeCode(user.id, code);\n" + OK,
        ),
        Side(
            "crypto.randomInt-otp",
            LOGIN + "const code = crypto.randomInt(100000, 1000000);\n"
            "await users.sendOneTimeCode(user.id, code);\n" + OK,
        ),
        (CRYPTO,),
        (STORE,),
    ),
    PatternPair(
        "express",
        "POST",
        Side(
            "Math.random-reset-token",
            RESET + "let token = '';\nfor (let i = 0; i < 32; i += 1) {\n"
            "  token += ALPHABET[Math.floor(Math.random() * ALPHABET.length)];\n}\n"
            "await users.saveResetToken(user.id, token);\n" + OK,
        ),
        Side(
            "crypto.randomInt-reset-token",
            RESET + "let token = '';\nfor (let i = 0; i < 32; i += 1) {\n"
            "  token += ALPHABET[crypto.randomInt(ALPHABET.length)];\n}\n"
            "await users.saveResetToken(user.id, token);\n" + OK,
        ),
        (CRYPTO,),
        (STORE, "const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';"),
    ),
    PatternPair(
        "express",
        "POST",
        _token(
            "Math.random-api-key",
            "'key_' + Math.random().toString(16).slice(2) + Date.now().toString(16)",
            "users.addApiKey(user.id, token)",
        ),
        _token(
            "crypto.randomBytes-api-key",
            "'key_' + crypto.randomBytes(24).toString('base64url')",
            "users.addApiKey(user.id, token)",
        ),
        (CRYPTO,),
        (STORE,),
    ),
    PatternPair(
        "express",
        "POST",
        _token(
            "Math.random-csrf-token",
            "Date.now().toString(36) + Math.random().toString(36).slice(2)",
            "sessions.saveCsrfToken(user.id, token)",
        ),
        _token(
            "crypto.randomUUID-csrf-token",
            "crypto.randomUUID()",
            "sessions.saveCsrfToken(user.id, token)",
        ),
        (CRYPTO,),
        (STORE,),
    ),
    PatternPair(
        "koa",
        "POST",
        Side(
            "Math.random-invite-code",
            KOA_LOGIN + "const invite = Math.random().toString(36).slice(2, 10).toUpperCase();\n"
            "await users.createInvite(user.id, invite);\n" + OK,
        ),
        Side(
            "crypto.randomBytes-invite-code",
            KOA_LOGIN + "const invite = crypto.randomBytes(8).toString('hex').toUpperCase();\n"
            "await users.createInvite(user.id, invite);\n" + OK,
        ),
        (CRYPTO,),
        (STORE,),
    ),
    PatternPair(
        "http",
        "POST",
        Side(
            "Math.random-temporary-password",
            "const temporary = Array.from({ length: 12 }, () =>\n"
            "  ALPHABET.charAt(Math.floor(Math.random() * ALPHABET.length)),\n).join('');\n"
            "await users.resetToTemporary('admin', temporary);\n" + OK,
        ),
        Side(
            "crypto.randomBytes-temporary-password",
            "const temporary = crypto.randomBytes(12).toString('base64url');\n"
            "await users.resetToTemporary('admin', temporary);\n" + OK,
        ),
        (CRYPTO,),
        (STORE, "const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';"),
    ),
    PatternPair(
        "express",
        "POST",
        _token(
            "Math.random-uuid-session-id",
            "'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (c) => {\n"
            "  const r = (Math.random() * 16) | 0;\n"
            "  return (c === 'x' ? r : (r & 0x3) | 0x8).toString(16);\n})",
        ),
        _token("crypto.randomUUID-session-id", "crypto.randomUUID()"),
        (CRYPTO,),
        (STORE,),
    ),
    PatternPair(
        "express",
        "POST",
        Side(
            "Math.random-email-verification-code",
            LOGIN + "const code = String(Math.floor(Math.random() * 1e8)).padStart(8, '0');\n"
            "await users.sendVerification(user.id, code);\n" + OK,
        ),
        Side(
            "Math.random-retry-jitter",
            LOGIN + "const delayMs = 500 + Math.floor(Math.random() * 250);\n"
            "await users.scheduleWelcomeMail(user.id, delayMs);\n" + OK,
        ),
        (),
        (STORE,),
    ),
    PatternPair(
        "express",
        "GET",
        Side(
            "Math.random-share-link-secret",
            "const secret = Math.random().toString(36).slice(2);\n"
            "await sessions.createShareLink(req.query.document, secret);\n"
            "<<JSON { url: `/shared/${secret}` }>>",
        ),
        Side(
            "Math.random-ab-sampling",
            "const variant = Math.random() < 0.1 ? 'new-layout' : 'classic';\n<<JSON { variant }>>",
        ),
        (),
        (STORE,),
    ),
    PatternPair(
        "express",
        "POST",
        Side(
            "Math.random-backup-codes",
            LOGIN + "const codes = Array.from({ length: 8 }, () =>\n"
            "  Math.floor(Math.random() * 1e10).toString(36),\n);\n"
            "await users.saveBackupCodes(user.id, codes);\n<<JSON { codes }>>",
        ),
        Side(
            "Math.random-shuffle-tips",
            LOGIN + "const tips = [...TIPS];\nfor (let i = tips.length - 1; i > 0; i -= 1) {\n"
            "  const j = Math.floor(Math.random() * (i + 1));\n"
            "  [tips[i], tips[j]] = [tips[j], tips[i]];\n}\n<<JSON { tips }>>",
            prelude=(
                "const TIPS = ['Use keyboard shortcuts', 'Pin your projects', 'Try dark mode'];",
            ),
        ),
        (),
        (STORE,),
    ),
    PatternPair(
        "koa",
        "POST",
        Side(
            "Math.random-session-token",
            KOA_LOGIN + "const token = Math.floor(Math.random() * 1e16).toString(36);\n"
            "await sessions.save(token, user.id);\n" + OK,
        ),
        Side(
            "crypto.randomBytes-session-token",
            KOA_LOGIN + "const token = crypto.randomBytes(32).toString('base64url');\n"
            "await sessions.save(token, user.id);\n" + OK,
        ),
        (CRYPTO,),
        (STORE,),
    ),
)
