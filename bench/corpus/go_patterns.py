# ruff: noqa: E501, S105
# Program text held as data: long lines and SQL-looking strings are the cases themselves.
"""The Go pattern classes: insecure cookies, weak hashes, weak random values."""

from __future__ import annotations

from casegen import PatternPair, Side

NEW_TOKEN = (
    "#import crypto/rand\n"
    "func newToken() string {\n\tb := make([]byte, 32)\n\tif _, err := rand.Read(b); err != nil {\n"
    "\t\tpanic(err)\n\t}\n\treturn hex.EncodeToString(b)\n}"
)
LOGIN = (
    'userID, ok := authenticate(r.FormValue("username"), r.FormValue("password"))\n'
    "if !ok {\n\t<<REJECT>>\n}\ntoken := newToken()\nsaveSession(token, userID)\n"
)
GIN_LOGIN = LOGIN.replace("r.FormValue", "c.PostForm")
STORE = (
    "// authenticate and saveSession stand for the application's user store.\n"
    "func authenticate(username, password string) (string, bool) {\n"
    '\treturn "u-" + username, password != ""\n}\n\n'
    "func saveSession(token, userID string) {}"
)
OK = '<<JSON "ok">>'


def _cookie(label: str, fields: str, name: str = "session_id") -> Side:
    return Side(
        label,
        LOGIN + f'http.SetCookie(w, &http.Cookie{{\n\tName:  "{name}",\n\tValue: token,\n'
        f'\tPath:  "/",\n{fields}}})\n' + OK,
    )


STRICT = "\tSecure:   true,\n\tHttpOnly: true,\n\tSameSite: http.SameSiteStrictMode,\n"


def _gin_cookie(
    label: str, same_site: str, secure: str, http_only: str, name: str = "session_id"
) -> Side:
    mode = f"c.SetSameSite({same_site})\n" if same_site else ""
    return Side(
        label,
        GIN_LOGIN
        + mode
        + f'c.SetCookie("{name}", token, 3600, "/", "", {secure}, {http_only})\n'
        + OK,
    )


def _gorilla(label: str, options: str) -> Side:
    return Side(
        label,
        'session, err := store.Get(r, "shop")\nif err != nil {\n\t<<FAIL>>\n}\n'
        'userID, ok := authenticate(r.FormValue("username"), r.FormValue("password"))\n'
        'if !ok {\n\t<<REJECT>>\n}\nsession.Values["user_id"] = userID\n'
        "if err := session.Save(r, w); err != nil {\n\t<<FAIL>>\n}\n" + OK,
        prelude=(
            'var store = sessions.NewCookieStore([]byte(os.Getenv("SESSION_KEY")))\n\n'
            f"func init() {{\n\tstore.Options = &sessions.Options{{{options}}}\n}}",
        ),
    )


COOKIE: tuple[PatternPair, ...] = (
    PatternPair(
        "http",
        "POST",
        _cookie("http.Cookie-no-flags", ""),
        _cookie("secure-httponly-samesite", STRICT),
        (),
        (NEW_TOKEN, STORE),
    ),
    PatternPair(
        "http",
        "POST",
        _cookie("http.Cookie-httponly-only", "\tHttpOnly: true,\n", "auth"),
        _cookie("secure-httponly-samesite", STRICT, "auth"),
        (),
        (NEW_TOKEN, STORE),
    ),
    PatternPair(
        "http",
        "POST",
        _cookie(
            "http.Cookie-httponly-false",
            "\tSecure:   true,\n\tHttpOnly: false,\n\tSameSite: http.SameSiteLaxMode,\n",
        ),
        _cookie(
            "secure-httponly-samesite",
            "\tSecure:   true,\n\tHttpOnly: true,\n\tSameSite: http.SameSiteLaxMode,\n",
        ),
        (),
        (NEW_TOKEN, STORE),
    ),
    PatternPair(
        "http",
        "POST",
        _cookie(
            "samesite-none",
            "\tSecure:   true,\n\tHttpOnly: true,\n\tSameSite: http.SameSiteNoneMode,\n",
            "sid",
        ),
        _cookie("samesite-strict", STRICT, "sid"),
        (),
        (NEW_TOKEN, STORE),
    ),
    PatternPair(
        "gin",
        "POST",
        _gin_cookie("gin.SetCookie-insecure", "", "false", "false"),
        _gin_cookie("gin.SetCookie-secure", "http.SameSiteStrictMode", "true", "true"),
        (),
        (NEW_TOKEN, STORE),
    ),
    PatternPair(
        "gin",
        "POST",
        _gin_cookie("gin.SetCookie-httponly-false", "http.SameSiteLaxMode", "true", "false"),
        _gin_cookie("gin.SetCookie-httponly", "http.SameSiteLaxMode", "true", "true"),
        (),
        (NEW_TOKEN, STORE),
    ),
    PatternPair(
        "http",
        "POST",
        _gorilla(
            "gorilla-sessions-secure-false",
            'Path: "/", MaxAge: 86400, Secure: false, HttpOnly: true',
        ),
        _gorilla(
            "gorilla-sessions-secure",
            'Path: "/", MaxAge: 86400, Secure: true, HttpOnly: true, SameSite: http.SameSiteStrictMode',
        ),
        (),
        (STORE,),
    ),
    PatternPair(
        "http",
        "POST",
        Side(
            "Set-Cookie-header-no-flags",
            LOGIN + 'w.Header().Add("Set-Cookie", "sid="+token+"; Path=/")\n' + OK,
        ),
        Side(
            "Set-Cookie-header-flags",
            LOGIN
            + 'w.Header().Add("Set-Cookie", "sid="+token+"; Path=/; Secure; HttpOnly; SameSite=Strict")\n'
            + OK,
        ),
        (),
        (NEW_TOKEN, STORE),
    ),
    PatternPair(
        "http",
        "POST",
        _cookie(
            "remember-me-secure-false",
            "\tMaxAge:   30 * 24 * 3600,\n\tSecure:   false,\n\tHttpOnly: true,\n\tSameSite: http.SameSiteLaxMode,\n",
        ),
        _cookie(
            "remember-me-secure",
            "\tMaxAge:   30 * 24 * 3600,\n\tSecure:   true,\n\tHttpOnly: true,\n\tSameSite: http.SameSiteLaxMode,\n",
        ),
        (),
        (NEW_TOKEN, STORE),
    ),
    PatternPair(
        "gin",
        "POST",
        _gin_cookie("gin.SetSameSite-none", "http.SameSiteNoneMode", "true", "true", "sid"),
        _gin_cookie("gin.SetSameSite-strict", "http.SameSiteStrictMode", "true", "true", "sid"),
        (),
        (NEW_TOKEN, STORE),
    ),
    PatternPair(
        "http",
        "POST",
        _cookie(
            "http.Cookie-secure-false",
            "\tSecure:   false,\n\tHttpOnly: true,\n\tSameSite: http.SameSiteLaxMode,\n",
            "auth_token",
        ),
        _cookie(
            "secure-httponly-samesite",
            "\tSecure:   true,\n\tHttpOnly: true,\n\tSameSite: http.SameSiteLaxMode,\n",
            "auth_token",
        ),
        (),
        (NEW_TOKEN, STORE),
    ),
    PatternPair(
        "http",
        "POST",
        _gorilla("gorilla-sessions-httponly-false", 'Path: "/", Secure: true, HttpOnly: false'),
        _gorilla(
            "gorilla-sessions-httponly",
            'Path: "/", Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode',
        ),
        (),
        (STORE,),
    ),
)

USERS = (
    "// createUser, findHash and the other store functions stand for the application's database.\n"
    "func createUser(username, hash string) {}\n\n"
    'func findHash(username string) string {\n\treturn ""\n}'
)
REGISTER = 'username := r.FormValue("username")\npassword := r.FormValue("password")\n'
GIN_REGISTER = 'username := c.PostForm("username")\npassword := c.PostForm("password")\n'
SALT = "salt := make([]byte, 16)\nif _, err := rand.Read(salt); err != nil {\n\t<<FAIL>>\n}\n"
BCRYPT = (
    "hash, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)\n"
    "if err != nil {\n\t<<FAIL>>\n}\ncreateUser(username, string(hash))\n"
)
ARGON = (
    "#import crypto/rand\n"
    + SALT
    + "key := argon2.IDKey([]byte(password), salt, 1, 64*1024, 4, 32)\n"
    'createUser(username, hex.EncodeToString(salt)+":"+hex.EncodeToString(key))\n'
)
WEBHOOK = (
    'signature := r.Header.Get("X-Signature")\npayload, err := io.ReadAll(r.Body)\n'
    "if err != nil {\n\t<<FAIL>>\n}\n"
)
COMPARE = (
    "if subtle.ConstantTimeCompare([]byte(signature), []byte(expected)) != 1 {\n\t<<REJECT>>\n}\n"
)


def _register(label: str, hashing: str, gin: bool = False) -> Side:
    return Side(label, (GIN_REGISTER if gin else REGISTER) + hashing + OK)


HASH: tuple[PatternPair, ...] = (
    PatternPair(
        "http",
        "POST",
        _register(
            "md5-password",
            "sum := md5.Sum([]byte(password))\ncreateUser(username, hex.EncodeToString(sum[:]))\n",
        ),
        _register("bcrypt-password", BCRYPT),
        (),
        (USERS,),
    ),
    PatternPair(
        "http",
        "POST",
        _register(
            "sha1-password-check",
            "sum := sha1.Sum([]byte(password))\nif hex.EncodeToString(sum[:]) != findHash(username) {\n"
            "\t<<REJECT>>\n}\n",
        ),
        _register(
            "bcrypt-password-check",
            "if bcrypt.CompareHashAndPassword([]byte(findHash(username)), []byte(password)) != nil {\n"
            "\t<<REJECT>>\n}\n",
        ),
        (),
        (USERS,),
    ),
    PatternPair(
        "http",
        "POST",
        Side(
            "md5-keyed-signature",
            WEBHOOK + 'sum := md5.Sum(append([]byte(os.Getenv("WEBHOOK_SECRET")), payload...))\n'
            "expected := hex.EncodeToString(sum[:])\n" + COMPARE + OK,
        ),
        Side(
            "hmac-sha256-signature",
            WEBHOOK + 'mac := hmac.New(sha256.New, []byte(os.Getenv("WEBHOOK_SECRET")))\n'
            "mac.Write(payload)\nexpected := hex.EncodeToString(mac.Sum(nil))\n" + COMPARE + OK,
        ),
    ),
    PatternPair(
        "http",
        "POST",
        _register(
            "pbkdf2-sha1-1000-iterations",
            "#import crypto/rand\n"
            + SALT
            + "key := pbkdf2.Key([]byte(password), salt, 1000, 32, sha1.New)\n"
            'createUser(username, hex.EncodeToString(salt)+":"+hex.EncodeToString(key))\n',
        ),
        _register(
            "pbkdf2-sha256-600000-iterations",
            "#import crypto/rand\n"
            + SALT
            + "key := pbkdf2.Key([]byte(password), salt, 600000, 32, sha256.New)\n"
            'createUser(username, hex.EncodeToString(salt)+":"+hex.EncodeToString(key))\n',
        ),
        (),
        (USERS,),
    ),
    PatternPair(
        "http",
        "POST",
        _register(
            "sha256-unsalted-password",
            "sum := sha256.Sum256([]byte(password))\ncreateUser(username, hex.EncodeToString(sum[:]))\n",
        ),
        _register("argon2id-password", ARGON),
        (),
        (USERS,),
    ),
    PatternPair(
        "http",
        "POST",
        _register(
            "md5-salted-password",
            "#import crypto/rand\n"
            + SALT
            + "h := md5.New()\nh.Write(salt)\nio.WriteString(h, password)\n"
            'createUser(username, hex.EncodeToString(salt)+":"+hex.EncodeToString(h.Sum(nil)))\n',
        ),
        _register(
            "scrypt-password",
            "#import crypto/rand\n"
            + SALT
            + "key, err := scrypt.Key([]byte(password), salt, 32768, 8, 1, 32)\n"
            "if err != nil {\n\t<<FAIL>>\n}\n"
            'createUser(username, hex.EncodeToString(salt)+":"+hex.EncodeToString(key))\n',
        ),
        (),
        (USERS,),
    ),
    PatternPair(
        "gin",
        "POST",
        _register(
            "sha1-password",
            "sum := sha1.Sum([]byte(password))\ncreateUser(username, hex.EncodeToString(sum[:]))\n",
            gin=True,
        ),
        _register("bcrypt-password", BCRYPT, gin=True),
        (),
        (USERS,),
    ),
    PatternPair(
        "http",
        "GET",
        Side(
            "md5-signed-download-url",
            'file := "reports/q3.pdf"\nexpires := time.Now().Add(time.Hour).Unix()\n'
            'sum := md5.Sum([]byte(file + strconv.FormatInt(expires, 10) + os.Getenv("URL_SIGNING_KEY")))\n'
            '<<JSON fmt.Sprintf("/download/%s?expires=%d&sig=%x", file, expires, sum)>>',
        ),
        Side(
            "hmac-sha256-signed-download-url",
            'file := "reports/q3.pdf"\nexpires := time.Now().Add(time.Hour).Unix()\n'
            'mac := hmac.New(sha256.New, []byte(os.Getenv("URL_SIGNING_KEY")))\n'
            "mac.Write([]byte(file + strconv.FormatInt(expires, 10)))\n"
            '<<JSON fmt.Sprintf("/download/%s?expires=%d&sig=%x", file, expires, mac.Sum(nil))>>',
        ),
    ),
    PatternPair(
        "http",
        "POST",
        Side(
            "md5-pin",
            'username := r.FormValue("username")\npin := r.FormValue("pin")\n'
            "sum := md5.Sum([]byte(pin))\ncreateUser(username, hex.EncodeToString(sum[:]))\n" + OK,
        ),
        Side(
            "md5-etag",
            'body := []byte(`{"plans":["free","team","enterprise"]}`)\n'
            'w.Header().Set("ETag", fmt.Sprintf("\\"%x\\"", md5.Sum(body)))\n'
            'w.Header().Set("Content-Type", "application/json")\nw.Write(body)',
        ),
        (),
        (USERS,),
    ),
    PatternPair(
        "http",
        "GET",
        Side(
            "sha1-api-token-signature",
            'user := r.URL.Query().Get("user")\n'
            'sum := sha1.Sum([]byte(os.Getenv("TOKEN_SECRET") + ":" + user))\n'
            "<<JSON hex.EncodeToString(sum[:])>>",
        ),
        Side(
            "sha1-content-address",
            'content, err := os.ReadFile("reports/q3.pdf")\nif err != nil {\n\t<<FAIL>>\n}\n'
            'sum := sha1.Sum(content)\n<<JSON "/blobs/" + hex.EncodeToString(sum[:])>>',
        ),
    ),
    PatternPair(
        "http",
        "POST",
        _register(
            "md5-remember-me-token",
            "sum := md5.Sum([]byte(username + findHash(username) + password))\n"
            "createUser(username, hex.EncodeToString(sum[:]))\n",
        ),
        Side(
            "md5-cache-key",
            'query := r.FormValue("query")\nkey := md5.Sum([]byte(query))\n'
            "<<JSON hex.EncodeToString(key[:])>>",
        ),
        (),
        (USERS,),
    ),
    PatternPair(
        "gin",
        "POST",
        _register(
            "md5-password",
            "sum := md5.Sum([]byte(password))\ncreateUser(username, hex.EncodeToString(sum[:]))\n",
            gin=True,
        ),
        _register("argon2id-password", ARGON, gin=True),
        (),
        (USERS,),
    ),
)

SESSION_STORE = "// saveSession stands for the application's session store.\nfunc saveSession(token, userID string) {}"
USER = 'userID := r.FormValue("user")\n'
GIN_USER = 'userID := c.PostForm("user")\n'
ALPHABET = 'const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789"'


def _random(label: str, code: str, crypto: bool, gin: bool = False) -> Side:
    directive = "#import crypto/rand\n" if crypto else "#import math/rand\n"
    return Side(
        label, directive + (GIN_USER if gin else USER) + code + "saveSession(token, userID)\n" + OK
    )


CRYPTO_TOKEN = "b := make([]byte, 32)\nif _, err := rand.Read(b); err != nil {\n\t<<FAIL>>\n}\ntoken := hex.EncodeToString(b)\n"
CRYPTO_INDEX = (
    "token := make([]byte, 32)\nfor i := range token {\n"
    "\tn, err := rand.Int(rand.Reader, big.NewInt(int64(len(alphabet))))\n"
    "\tif err != nil {\n\t\t<<FAIL>>\n\t}\n\ttoken[i] = alphabet[n.Int64()]\n}\n"
)

RANDOM: tuple[PatternPair, ...] = (
    PatternPair(
        "http",
        "POST",
        _random(
            "math/rand-session-token",
            'token := fmt.Sprintf("%016x%016x", rand.Int63(), rand.Int63())\n',
            False,
        ),
        _random("crypto/rand-session-token", CRYPTO_TOKEN, True),
        (),
        (SESSION_STORE,),
    ),
    PatternPair(
        "http",
        "POST",
        _random("math/rand-otp", "token := strconv.Itoa(100000 + rand.Intn(900000))\n", False),
        _random(
            "crypto/rand-otp",
            "n, err := rand.Int(rand.Reader, big.NewInt(900000))\nif err != nil {\n\t<<FAIL>>\n}\n"
            "token := strconv.FormatInt(100000+n.Int64(), 10)\n",
            True,
        ),
        (),
        (SESSION_STORE,),
    ),
    PatternPair(
        "http",
        "POST",
        Side(
            "math/rand-reset-token",
            "#import math/rand\n" + USER + "token := make([]byte, 32)\nfor i := range token {\n"
            "\ttoken[i] = alphabet[rand.Intn(len(alphabet))]\n}\nsaveSession(string(token), userID)\n"
            + OK,
        ),
        Side(
            "crypto/rand-reset-token",
            "#import crypto/rand\n"
            + USER
            + CRYPTO_INDEX
            + "saveSession(string(token), userID)\n"
            + OK,
        ),
        (),
        (SESSION_STORE, ALPHABET),
    ),
    PatternPair(
        "http",
        "POST",
        _random(
            "math/rand-time-seeded-api-key",
            "rng := rand.New(rand.NewSource(time.Now().UnixNano()))\n"
            'token := fmt.Sprintf("key_%x", rng.Uint64())\n',
            False,
        ),
        _random("crypto/rand-api-key", CRYPTO_TOKEN.replace("32)", "24)"), True),
        (),
        (SESSION_STORE,),
    ),
    PatternPair(
        "http",
        "POST",
        _random("math/rand-csrf-token", 'token := fmt.Sprintf("%x", rand.Uint64())\n', False),
        _random(
            "crypto/rand-csrf-token",
            "b := make([]byte, 16)\nif _, err := rand.Read(b); err != nil {\n\t<<FAIL>>\n}\n"
            "token := base64.RawURLEncoding.EncodeToString(b)\n",
            True,
        ),
        (),
        (SESSION_STORE,),
    ),
    PatternPair(
        "gin",
        "POST",
        _random(
            "math/rand-invite-code",
            'token := fmt.Sprintf("%08X", rand.Uint32())\n',
            False,
            gin=True,
        ),
        _random(
            "crypto/rand-invite-code",
            "b := make([]byte, 8)\nif _, err := rand.Read(b); err != nil {\n\t<<FAIL>>\n}\n"
            'token := fmt.Sprintf("%X", b)\n',
            True,
            gin=True,
        ),
        (),
        (SESSION_STORE,),
    ),
    PatternPair(
        "http",
        "POST",
        Side(
            "math/rand-temporary-password",
            "#import math/rand\n" + USER + "token := make([]byte, 12)\nfor i := range token {\n"
            "\ttoken[i] = alphabet[rand.Intn(len(alphabet))]\n}\nsaveSession(string(token), userID)\n"
            + OK,
        ),
        Side(
            "crypto/rand-temporary-password",
            "#import crypto/rand\n"
            + USER
            + CRYPTO_INDEX.replace("32)", "12)")
            + "saveSession(string(token), userID)\n"
            + OK,
        ),
        (),
        (SESSION_STORE, ALPHABET),
    ),
    PatternPair(
        "http",
        "POST",
        _random(
            "math/rand-email-verification-code",
            'token := fmt.Sprintf("%08d", rand.Intn(100000000))\n',
            False,
        ),
        Side(
            "math/rand-retry-jitter",
            "#import math/rand\n"
            + USER
            + "delay := 500*time.Millisecond + time.Duration(rand.Intn(250))*time.Millisecond\n"
            'time.AfterFunc(delay, func() { saveSession("welcome-mail", userID) })\n' + OK,
        ),
        (),
        (SESSION_STORE,),
    ),
    PatternPair(
        "http",
        "GET",
        Side(
            "math/rand-share-link-secret",
            "#import math/rand\nsecret := strconv.FormatInt(rand.Int63(), 36)\n"
            'saveSession(secret, r.URL.Query().Get("document"))\n<<JSON "/shared/" + secret>>',
        ),
        Side(
            "math/rand-ab-sampling",
            '#import math/rand\nvariant := "classic"\nif rand.Float64() < 0.1 {\n\tvariant = "new-layout"\n}\n'
            "<<JSON variant>>",
        ),
        (),
        (SESSION_STORE,),
    ),
    PatternPair(
        "http",
        "POST",
        Side(
            "math/rand-backup-codes",
            "#import math/rand\n" + USER + "codes := make([]string, 8)\nfor i := range codes {\n"
            '\tcodes[i] = fmt.Sprintf("%010d", rand.Int63n(10000000000))\n\tsaveSession(codes[i], userID)\n}\n'
            "<<JSON codes>>",
        ),
        Side(
            "math/rand-shuffle-tips",
            "#import math/rand\n"
            'tips := []string{"Use keyboard shortcuts", "Pin your projects", "Try dark mode"}\n'
            "rand.Shuffle(len(tips), func(i, j int) { tips[i], tips[j] = tips[j], tips[i] })\n"
            "<<JSON tips>>",
        ),
        (),
        (SESSION_STORE,),
    ),
    PatternPair(
        "gin",
        "POST",
        _random(
            "math/rand-session-token",
            "token := strconv.FormatUint(rand.Uint64(), 36)\n",
            False,
            gin=True,
        ),
        _random("crypto/rand-session-token", CRYPTO_TOKEN, True, gin=True),
        (),
        (SESSION_STORE,),
    ),
    PatternPair(
        "http",
        "POST",
        _random(
            "math/rand-seeded-device-secret",
            'rand.Seed(time.Now().Unix())\ntoken := fmt.Sprintf("%x%x", rand.Int63(), rand.Int63())\n',
            False,
        ),
        _random("crypto/rand-device-secret", CRYPTO_TOKEN.replace("32)", "64)"), True),
        (),
        (SESSION_STORE,),
    ),
)
