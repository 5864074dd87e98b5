# ruff: noqa: E501
# Program text held as data: long lines and SQL-looking strings are the cases themselves.
"""The Java pattern classes: insecure cookies, weak hashes, weak random values."""

from __future__ import annotations

from casegen import PatternPair, Side

STORE = (
    "/** Stands for the application's user and session store. */\n"
    "private static final class UserStore {\n"
    "    boolean authenticate(String username, String password) {\n"
    "        return username != null && password != null && !password.isEmpty();\n    }\n\n"
    "    void saveSession(String token, String username) {\n    }\n\n"
    "    void create(String username, String hash) {\n    }\n\n"
    '    String findHash(String username) {\n        return "";\n    }\n}\n\n'
    "private static final UserStore USERS = new UserStore();"
)
LOGIN = (
    'String username = request.getParameter("username");\n'
    'if (!USERS.authenticate(username, request.getParameter("password"))) {\n    <<REJECT>>\n}\n'
    "String token = UUID.randomUUID().toString();\nUSERS.saveSession(token, username);\n"
)
SPRING_LOGIN = (
    "if (!USERS.authenticate(username, password)) {\n    <<REJECT>>\n}\n"
    "String token = UUID.randomUUID().toString();\nUSERS.saveSession(token, username);\n"
)
LOGIN_PARAMS = (
    '@RequestParam("username") String username, @RequestParam("password") String password'
)
WELCOME = '<<TEXT "welcome">>'
STRICT = 'cookie.setSecure(true);\ncookie.setHttpOnly(true);\ncookie.setAttribute("SameSite", "Strict");\n'


def _servlet_cookie(label: str, flags: str, name: str = "SESSIONID") -> Side:
    return Side(
        label,
        LOGIN
        + f'Cookie cookie = new Cookie("{name}", token);\ncookie.setPath("/");\n'
        + flags
        + "response.addCookie(cookie);\n"
        + WELCOME,
    )


def _response_cookie(label: str, chain: str, name: str = "SESSION") -> Side:
    return Side(
        label,
        SPRING_LOGIN + f'ResponseCookie cookie = ResponseCookie.from("{name}", token)\n'
        f'        .path("/"){chain}\n        .build();\n'
        'return ResponseEntity.ok().header(HttpHeaders.SET_COOKIE, cookie.toString()).body("welcome");',
    )


def _servlet(vulnerable: Side, safe: Side) -> PatternPair:
    return PatternPair("servlet", "POST", vulnerable, safe, prelude=(STORE,))


def _spring(vulnerable: Side, safe: Side) -> PatternPair:
    return PatternPair("spring", "POST", vulnerable, safe, prelude=(STORE,), params=LOGIN_PARAMS)


COOKIE: tuple[PatternPair, ...] = (
    _servlet(
        _servlet_cookie("Cookie-no-flags", ""), _servlet_cookie("secure-httponly-samesite", STRICT)
    ),
    _servlet(
        _servlet_cookie("Cookie-httponly-only", "cookie.setHttpOnly(true);\n", "AUTH"),
        _servlet_cookie("secure-httponly-samesite", STRICT, "AUTH"),
    ),
    _servlet(
        _servlet_cookie(
            "Cookie-httponly-false",
            'cookie.setSecure(true);\ncookie.setHttpOnly(false);\ncookie.setAttribute("SameSite", "Lax");\n',
        ),
        _servlet_cookie(
            "secure-httponly-samesite",
            'cookie.setSecure(true);\ncookie.setHttpOnly(true);\ncookie.setAttribute("SameSite", "Lax");\n',
        ),
    ),
    _servlet(
        _servlet_cookie(
            "Cookie-secure-false",
            'cookie.setSecure(false);\ncookie.setHttpOnly(true);\ncookie.setAttribute("SameSite", "Lax");\n',
            "AUTH_TOKEN",
        ),
        _servlet_cookie(
            "secure-httponly-samesite",
            'cookie.setSecure(true);\ncookie.setHttpOnly(true);\ncookie.setAttribute("SameSite", "Lax");\n',
            "AUTH_TOKEN",
        ),
    ),
    _servlet(
        Side(
            "Set-Cookie-header-no-flags",
            LOGIN
            + 'response.addHeader("Set-Cookie", "SESSIONID=" + token + "; Path=/");\n'
            + WELCOME,
        ),
        Side(
            "Set-Cookie-header-flags",
            LOGIN + 'response.addHeader("Set-Cookie", "SESSIONID=" + token\n'
            '        + "; Path=/; Secure; HttpOnly; SameSite=Strict");\n' + WELCOME,
        ),
    ),
    _servlet(
        _servlet_cookie(
            "remember-me-no-secure",
            'cookie.setMaxAge(30 * 24 * 3600);\ncookie.setHttpOnly(true);\ncookie.setAttribute("SameSite", "Lax");\n',
        ),
        _servlet_cookie(
            "remember-me-secure",
            "cookie.setMaxAge(30 * 24 * 3600);\ncookie.setSecure(true);\ncookie.setHttpOnly(true);\n"
            'cookie.setAttribute("SameSite", "Lax");\n',
        ),
    ),
    _servlet(
        _servlet_cookie(
            "samesite-none",
            'cookie.setSecure(true);\ncookie.setHttpOnly(true);\ncookie.setAttribute("SameSite", "None");\n',
            "SID",
        ),
        _servlet_cookie("samesite-strict", STRICT, "SID"),
    ),
    _spring(
        _response_cookie("ResponseCookie-no-flags", ""),
        _response_cookie(
            "ResponseCookie-secure-httponly-samesite",
            '\n        .secure(true)\n        .httpOnly(true)\n        .sameSite("Strict")',
        ),
    ),
    _spring(
        _response_cookie(
            "ResponseCookie-httponly-false",
            '\n        .secure(true)\n        .httpOnly(false)\n        .sameSite("Lax")',
        ),
        _response_cookie(
            "ResponseCookie-httponly",
            '\n        .secure(true)\n        .httpOnly(true)\n        .sameSite("Lax")',
        ),
    ),
    _spring(
        _response_cookie(
            "ResponseCookie-secure-false",
            '\n        .secure(false)\n        .httpOnly(true)\n        .sameSite("Strict")',
            "AUTH",
        ),
        _response_cookie(
            "ResponseCookie-secure",
            '\n        .secure(true)\n        .httpOnly(true)\n        .sameSite("Strict")',
            "AUTH",
        ),
    ),
    _spring(
        Side(
            "jakarta-Cookie-no-flags",
            SPRING_LOGIN + 'Cookie cookie = new Cookie("SESSIONID", token);\ncookie.setPath("/");\n'
            'response.addCookie(cookie);\nreturn ResponseEntity.ok("welcome");',
        ),
        Side(
            "jakarta-Cookie-flags",
            SPRING_LOGIN
            + 'Cookie cookie = new Cookie("SESSIONID", token);\ncookie.setPath("/");\n'
            + STRICT
            + 'response.addCookie(cookie);\nreturn ResponseEntity.ok("welcome");',
        ),
    ),
    _spring(
        _response_cookie(
            "ResponseCookie-samesite-none",
            '\n        .secure(true)\n        .httpOnly(true)\n        .sameSite("None")',
            "SID",
        ),
        _response_cookie(
            "ResponseCookie-samesite-lax",
            '\n        .secure(true)\n        .httpOnly(true)\n        .sameSite("Lax")',
            "SID",
        ),
    ),
)

REGISTER = 'String username = request.getParameter("username");\nString password = request.getParameter("password");\n'
CATCH = "} catch (GeneralSecurityException e) {\n    <<RETHROW e>>\n}\n"
SALT = "byte[] salt = new byte[16];\nnew SecureRandom().nextBytes(salt);\n"


def _pbkdf2(secret: str, algorithm: str, iterations: int) -> str:
    return (
        SALT + "try {\n"
        f"    PBEKeySpec spec = new PBEKeySpec({secret}.toCharArray(), salt, {iterations}, 256);\n"
        f'    byte[] hash = SecretKeyFactory.getInstance("{algorithm}").generateSecret(spec).getEncoded();\n'
        '    USERS.create(username, HexFormat.of().formatHex(salt) + ":" + HexFormat.of().formatHex(hash));\n'
        + CATCH
    )


def _digest(algorithm: str, secret: str) -> str:
    return (
        "try {\n"
        f'    byte[] hash = MessageDigest.getInstance("{algorithm}").digest({secret}.getBytes(StandardCharsets.UTF_8));\n'
        "    USERS.create(username, HexFormat.of().formatHex(hash));\n" + CATCH
    )


def _reg(label: str, code: str) -> Side:
    return Side(label, REGISTER + code + '<<TEXT "registered">>')


def _spring_reg(label: str, code: str) -> Side:
    return Side(label, code + '<<TEXT "registered">>')


PBKDF2 = _pbkdf2("password", "PBKDF2WithHmacSHA256", 600000)
PAYLOAD = (
    'String signature = request.getHeader("X-Signature");\n'
    "byte[] payload = request.getInputStream().readAllBytes();\n"
    'byte[] secret = System.getenv("WEBHOOK_SECRET").getBytes(StandardCharsets.UTF_8);\n'
)
VERIFY = (
    "    if (signature == null || !MessageDigest.isEqual(expected, "
    "HexFormat.of().parseHex(signature))) {\n        <<REJECT>>\n    }\n"
)


def _hash_spring(vulnerable: Side, safe: Side, params: str = LOGIN_PARAMS) -> PatternPair:
    return PatternPair("spring", "POST", vulnerable, safe, prelude=(STORE,), params=params)


HASH: tuple[PatternPair, ...] = (
    _servlet(
        _reg("MD5-password", _digest("MD5", "password")),
        _reg("PBKDF2-SHA512-password", _pbkdf2("password", "PBKDF2WithHmacSHA512", 210000)),
    ),
    _servlet(
        Side(
            "SHA-1-password-check",
            REGISTER + "try {\n"
            '    byte[] hash = MessageDigest.getInstance("SHA-1").digest(password.getBytes(StandardCharsets.UTF_8));\n'
            "    if (!HexFormat.of().formatHex(hash).equals(USERS.findHash(username))) {\n"
            "        <<REJECT>>\n    }\n" + CATCH + WELCOME,
        ),
        Side(
            "BCrypt-password-check",
            REGISTER
            + "if (!new BCryptPasswordEncoder().matches(password, USERS.findHash(username))) {\n"
            "    <<REJECT>>\n}\n" + WELCOME,
        ),
    ),
    _servlet(
        Side(
            "MD5-keyed-signature",
            PAYLOAD + 'try {\n    MessageDigest md5 = MessageDigest.getInstance("MD5");\n'
            "    md5.update(secret);\n    byte[] expected = md5.digest(payload);\n"
            + VERIFY
            + CATCH
            + '<<TEXT "accepted">>',
        ),
        Side(
            "HMAC-SHA256-signature",
            PAYLOAD + 'try {\n    Mac mac = Mac.getInstance("HmacSHA256");\n'
            '    mac.init(new SecretKeySpec(secret, "HmacSHA256"));\n'
            "    byte[] expected = mac.doFinal(payload);\n"
            + VERIFY
            + CATCH
            + '<<TEXT "accepted">>',
        ),
    ),
    _hash_spring(
        _spring_reg(
            "DigestUtils.md5Hex-password", "USERS.create(username, DigestUtils.md5Hex(password));\n"
        ),
        _spring_reg(
            "BCrypt-password",
            "USERS.create(username, new BCryptPasswordEncoder().encode(password));\n",
        ),
    ),
    _hash_spring(
        _spring_reg(
            "DigestUtils.sha1Hex-password",
            "USERS.create(username, DigestUtils.sha1Hex(password));\n",
        ),
        _spring_reg(
            "Argon2-password",
            "USERS.create(username, Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode(password));\n",
        ),
    ),
    _servlet(
        _reg("SHA-256-unsalted-password", _digest("SHA-256", "password")),
        _reg(
            "BCrypt-password",
            "USERS.create(username, new BCryptPasswordEncoder(12).encode(password));\n",
        ),
    ),
    _servlet(
        _reg("PBKDF2-SHA1-1000-iterations", _pbkdf2("password", "PBKDF2WithHmacSHA1", 1000)),
        _reg("PBKDF2-SHA256-600000-iterations", PBKDF2),
    ),
    _servlet(
        Side(
            "MD5-pin",
            'String username = request.getParameter("username");\nString pin = request.getParameter("pin");\n'
            + _digest("MD5", "pin")
            + '<<TEXT "saved">>',
        ),
        Side(
            "PBKDF2-pin",
            'String username = request.getParameter("username");\nString pin = request.getParameter("pin");\n'
            + _pbkdf2("pin", "PBKDF2WithHmacSHA256", 600000)
            + '<<TEXT "saved">>',
        ),
    ),
    _servlet(
        Side(
            "MD5-remember-me-token",
            REGISTER + 'try {\n    byte[] token = MessageDigest.getInstance("MD5")\n'
            '            .digest((username + ":" + USERS.findHash(username)).getBytes(StandardCharsets.UTF_8));\n'
            '    Cookie cookie = new Cookie("REMEMBER", HexFormat.of().formatHex(token));\n'
            '    cookie.setSecure(true);\n    cookie.setHttpOnly(true);\n    cookie.setAttribute("SameSite", "Strict");\n'
            "    response.addCookie(cookie);\n" + CATCH + WELCOME,
        ),
        Side(
            "MD5-etag",
            'byte[] body = "{\\"plans\\":[\\"free\\",\\"team\\"]}".getBytes(StandardCharsets.UTF_8);\n'
            "try {\n"
            '    byte[] etag = MessageDigest.getInstance("MD5").digest(body);\n'
            '    response.setHeader("ETag", "\\"" + HexFormat.of().formatHex(etag) + "\\"");\n'
            + CATCH
            + 'response.setContentType("application/json");\nresponse.getOutputStream().write(body);',
        ),
    ),
    _servlet(
        Side(
            "SHA-1-signed-download-url",
            'String file = "reports/q3.pdf";\nlong expires = System.currentTimeMillis() / 1000 + 3600;\n'
            "try {\n"
            '    byte[] signature = MessageDigest.getInstance("SHA-1").digest(\n'
            '            (file + expires + System.getenv("URL_SIGNING_KEY")).getBytes(StandardCharsets.UTF_8));\n'
            '    <<TEXT "/download/" + file + "?expires=" + expires + "&sig=" + HexFormat.of().formatHex(signature)>>\n'
            + CATCH.rstrip("\n"),
        ),
        Side(
            "SHA-1-content-address",
            'byte[] content = Files.readAllBytes(Path.of("reports/q3.pdf"));\n'
            "try {\n"
            '    byte[] address = MessageDigest.getInstance("SHA-1").digest(content);\n'
            '    <<TEXT "/blobs/" + HexFormat.of().formatHex(address)>>\n' + CATCH.rstrip("\n"),
        ),
    ),
    _hash_spring(
        Side(
            "MD5-api-token-signature",
            'String token = DigestUtils.md5Hex(System.getenv("TOKEN_SECRET") + ":" + user);\n'
            "USERS.saveSession(token, user);\nreturn ResponseEntity.ok(token);",
        ),
        Side(
            "MD5-cache-key",
            "String cacheKey = DigestUtils.md5Hex(user);\nreturn ResponseEntity.ok(cacheKey);",
        ),
        '@RequestParam("user") String user',
    ),
    _hash_spring(
        Side(
            "SHA-1-password-check",
            "if (!DigestUtils.sha1Hex(password).equals(USERS.findHash(username))) {\n    <<REJECT>>\n}\n"
            + WELCOME,
        ),
        Side(
            "BCrypt-password-check",
            "if (!new BCryptPasswordEncoder().matches(password, USERS.findHash(username))) {\n"
            "    <<REJECT>>\n}\n" + WELCOME,
        ),
    ),
)

ALPHABET = 'private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";'
USER = 'String user = request.getParameter("user");\n'
SAVE = 'USERS.saveSession(token, user);\n<<TEXT "sent">>'
SECURE_HEX = "byte[] bytes = new byte[32];\nnew SecureRandom().nextBytes(bytes);\nString token = HexFormat.of().formatHex(bytes);\n"


def _rnd(label: str, code: str) -> Side:
    return Side(label, USER + code + SAVE)


def _spring_rnd(label: str, code: str) -> Side:
    return Side(label, code + SAVE)


def _chars(generator: str, length: int) -> str:
    return (
        f"StringBuilder sb = new StringBuilder();\nfor (int i = 0; i < {length}; i++) {{\n"
        f"    sb.append(ALPHABET.charAt({generator}.nextInt(ALPHABET.length())));\n}}\n"
        "String token = sb.toString();\n"
    )


def _rand_servlet(vulnerable: Side, safe: Side) -> PatternPair:
    return PatternPair("servlet", "POST", vulnerable, safe, prelude=(STORE, ALPHABET))


def _rand_spring(vulnerable: Side, safe: Side) -> PatternPair:
    return PatternPair(
        "spring",
        "POST",
        vulnerable,
        safe,
        prelude=(STORE,),
        params='@RequestParam("user") String user',
    )


RANDOM: tuple[PatternPair, ...] = (
    _rand_servlet(
        _rnd("Random-session-token", "String token = Long.toHexString(new Random().nextLong());\n"),
        _rnd("SecureRandom-session-token", SECURE_HEX),
    ),
    _rand_servlet(
        _rnd(
            "Random-otp", "String token = String.valueOf(100000 + new Random().nextInt(900000));\n"
        ),
        _rnd(
            "SecureRandom-otp",
            "String token = String.valueOf(100000 + new SecureRandom().nextInt(900000));\n",
        ),
    ),
    _rand_servlet(
        _rnd("Random-reset-token", "Random random = new Random();\n" + _chars("random", 32)),
        _rnd(
            "SecureRandom-reset-token",
            "SecureRandom random = new SecureRandom();\n" + _chars("random", 32),
        ),
    ),
    _rand_servlet(
        _rnd(
            "Math.random-api-key",
            'String token = "key_" + Long.toHexString((long) (Math.random() * Long.MAX_VALUE));\n',
        ),
        _rnd(
            "SecureRandom-api-key",
            SECURE_HEX.replace("String token = ", 'String token = "key_" + '),
        ),
    ),
    _rand_spring(
        _spring_rnd(
            "ThreadLocalRandom-csrf-token",
            "String token = Long.toString(ThreadLocalRandom.current().nextLong(), 36);\n",
        ),
        _spring_rnd(
            "SecureRandom-csrf-token",
            "byte[] bytes = new byte[16];\nnew SecureRandom().nextBytes(bytes);\n"
            "String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);\n",
        ),
    ),
    _rand_spring(
        _spring_rnd(
            "time-seeded-Random-invite-code",
            'String token = String.format("%08X", new Random(System.currentTimeMillis()).nextInt());\n',
        ),
        _spring_rnd(
            "SecureRandom-invite-code",
            'String token = String.format("%08X", new SecureRandom().nextInt());\n',
        ),
    ),
    _rand_servlet(
        _rnd("Random-temporary-password", "Random random = new Random();\n" + _chars("random", 12)),
        _rnd(
            "SecureRandom-temporary-password",
            "SecureRandom random = new SecureRandom();\n" + _chars("random", 12),
        ),
    ),
    _rand_servlet(
        _rnd(
            "Random-email-verification-code",
            'String token = String.format("%08d", new Random().nextInt(100000000));\n',
        ),
        Side(
            "ThreadLocalRandom-retry-jitter",
            USER + "long delayMillis = 500 + ThreadLocalRandom.current().nextLong(250);\n"
            'response.setHeader("Retry-After", String.valueOf(1 + delayMillis / 1000));\n<<TEXT "queued">>',
        ),
    ),
    _rand_spring(
        _spring_rnd(
            "Math.random-share-link-secret",
            "String token = Long.toString((long) (Math.random() * 1e18), 36);\n",
        ),
        Side(
            "Math.random-ab-sampling",
            'String variant = Math.random() < 0.1 ? "new-layout" : "classic";\n<<TEXT variant>>',
        ),
    ),
    _rand_servlet(
        Side(
            "Random-backup-codes",
            USER + "Random random = new Random();\nList<String> codes = new ArrayList<>();\n"
            "for (int i = 0; i < 8; i++) {\n"
            '    codes.add(String.format("%010d", random.nextLong(10_000_000_000L)));\n}\n'
            'USERS.saveSession(String.join(",", codes), user);\n<<TEXT "saved">>',
        ),
        Side(
            "Random-shuffle-tips",
            'List<String> tips = new ArrayList<>(List.of("Use keyboard shortcuts", "Pin your projects", '
            '"Try dark mode"));\nCollections.shuffle(tips, new Random());\n<<TEXT String.join("\\n", tips)>>',
        ),
    ),
    _rand_spring(
        _spring_rnd(
            "Random-session-token",
            "String token = Long.toString(new Random().nextLong(), 36) + Long.toString(new Random().nextLong(), 36);\n",
        ),
        _spring_rnd("SecureRandom-session-token", SECURE_HEX),
    ),
    _rand_servlet(
        _rnd(
            "seeded-Random-device-secret",
            "Random random = new Random(System.nanoTime());\nbyte[] bytes = new byte[32];\nrandom.nextBytes(bytes);\n"
            "String token = HexFormat.of().formatHex(bytes);\n",
        ),
        _rnd("SecureRandom-device-secret", SECURE_HEX.replace("[32]", "[64]")),
    ),
)
