# ruff: noqa: E501, S608
# Program text held as data: long lines and SQL-looking strings are the cases themselves.
"""The Java injection classes: sinks and the safe forms of each (see casegen.py).

XML, deserialization and session classes are in java_taint_more.py.
"""

from __future__ import annotations

from casegen import SafeForm, Sink, TaintClass
from java_program import BOTH, SERVLET, SOURCES, SPRING

WAIT = (
    "int exitCode;\ntry {\n    exitCode = process.waitFor();\n} catch (InterruptedException e) {\n"
    "    Thread.currentThread().interrupt();\n    <<RETHROW e>>\n}\n"
    '<<TEXT "exit code " + exitCode>>'
)
KNOWN_HOSTS = 'private static final Set<String> KNOWN_HOSTS = Set.of("127.0.0.1", "db.internal");'
HOST_PATTERN = (
    'private static final Pattern HOST = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9.-]{0,252}$");'
)
ALLOW = "if (!KNOWN_HOSTS.contains(bar)) {\n    <<REJECT>>\n}\n"
PARSE_INT = (
    "int {name};\ntry {{\n    {name} = Integer.parseInt(bar);\n}} catch (NumberFormatException e) {{\n"
    "    <<REJECT>>\n}}\n"
)

COMMAND = TaintClass(
    "command-injection",
    "host",
    (
        Sink(
            "Runtime.exec-string",
            'Process process = Runtime.getRuntime().exec("ping -c 1 " + bar);\n' + WAIT,
            "127.0.0.1",
            BOTH,
            (
                SafeForm(
                    "ProcessBuilder-argv",
                    'Process process = new ProcessBuilder("ping", "-c", "1", bar).start();\n'
                    + WAIT,
                ),
                SafeForm(
                    "allow-list",
                    ALLOW
                    + 'Process process = Runtime.getRuntime().exec("ping -c 1 " + bar);\n'
                    + WAIT,
                    prelude=(KNOWN_HOSTS,),
                ),
            ),
        ),
        Sink(
            "Runtime.exec-sh-c",
            'String[] command = {"sh", "-c", "nslookup " + bar};\n'
            "Process process = Runtime.getRuntime().exec(command);\n" + WAIT,
            "example.com",
            BOTH,
            (
                SafeForm(
                    "fixed-program-argv",
                    'String[] command = {"nslookup", bar};\n'
                    "Process process = Runtime.getRuntime().exec(command);\n" + WAIT,
                ),
                SafeForm(
                    "hostname-pattern",
                    "if (!HOST.matcher(bar).matches()) {\n    <<REJECT>>\n}\n"
                    'String[] command = {"sh", "-c", "nslookup " + bar};\n'
                    "Process process = Runtime.getRuntime().exec(command);\n" + WAIT,
                    prelude=(HOST_PATTERN,),
                ),
            ),
        ),
        Sink(
            "ProcessBuilder-bash-c-format",
            'ProcessBuilder builder = new ProcessBuilder("bash", "-c", String.format("dig +short %s", '
            "bar));\nProcess process = builder.start();\n" + WAIT,
            "example.org",
            BOTH,
            (
                SafeForm(
                    "ProcessBuilder-argv",
                    'ProcessBuilder builder = new ProcessBuilder("dig", "+short", bar);\n'
                    "Process process = builder.start();\n" + WAIT,
                ),
                SafeForm(
                    "allow-list",
                    ALLOW + 'ProcessBuilder builder = new ProcessBuilder("bash", "-c", '
                    'String.format("dig +short %s", bar));\nProcess process = builder.start();\n'
                    + WAIT,
                    prelude=(KNOWN_HOSTS,),
                ),
            ),
        ),
        Sink(
            "ProcessBuilder-list-sh-c",
            'List<String> command = new ArrayList<>();\ncommand.add("sh");\ncommand.add("-c");\n'
            'command.add("ping -c " + bar + " 127.0.0.1");\n'
            "Process process = new ProcessBuilder(command).start();\n" + WAIT,
            "3",
            BOTH,
            (
                SafeForm(
                    "Integer.parseInt",
                    PARSE_INT.format(name="count")
                    + 'List<String> command = new ArrayList<>();\ncommand.add("sh");\n'
                    'command.add("-c");\ncommand.add("ping -c " + count + " 127.0.0.1");\n'
                    "Process process = new ProcessBuilder(command).start();\n" + WAIT,
                ),
            ),
            pname="count",
        ),
    ),
    SOURCES,
)

DB_URL = 'private static final String DB_URL = "jdbc:h2:mem:shop";'
COUNT_ROWS = (
    "    int count = 0;\n    while (results.next()) {\n        count++;\n    }\n"
    '    <<TEXT "found " + count>>\n'
)
SQL_CATCH = "} catch (SQLException e) {\n    <<RETHROW e>>\n}"


def _jdbc(prelude_ctor: str) -> str:
    return (
        "private final JdbcTemplate jdbcTemplate;\n\n"
        f"public {prelude_ctor}(JdbcTemplate jdbcTemplate) {{\n"
        "    this.jdbcTemplate = jdbcTemplate;\n}"
    )


JDBC = _jdbc("CASE_NAME")
SORTS = 'private static final Set<String> SORT_COLUMNS = Set.of("title", "created_at", "author");'

SQL = TaintClass(
    "sql-injection",
    "name",
    (
        Sink(
            "Statement.executeQuery",
            'String sql = "SELECT id, name, price FROM products WHERE name = \'" + bar + "\'";\n'
            "try (Connection connection = DriverManager.getConnection(DB_URL);\n"
            "        Statement statement = connection.createStatement();\n"
            "        ResultSet results = statement.executeQuery(sql)) {\n" + COUNT_ROWS + SQL_CATCH,
            "widget",
            BOTH,
            (
                SafeForm(
                    "PreparedStatement-parameter",
                    'String sql = "SELECT id, name, price FROM products WHERE name = ?";\n'
                    "try (Connection connection = DriverManager.getConnection(DB_URL);\n"
                    "        PreparedStatement statement = connection.prepareStatement(sql)) {\n"
                    "    statement.setString(1, bar);\n"
                    "    ResultSet results = statement.executeQuery();\n" + COUNT_ROWS + SQL_CATCH,
                ),
            ),
            prelude=(DB_URL,),
        ),
        Sink(
            "Connection.prepareStatement-concat",
            "try (Connection connection = DriverManager.getConnection(DB_URL);\n"
            "        PreparedStatement statement = connection.prepareStatement(\n"
            '                "SELECT email FROM users WHERE username = \'" + bar + "\'");\n'
            "        ResultSet results = statement.executeQuery()) {\n" + COUNT_ROWS + SQL_CATCH,
            "alice",
            BOTH,
            (
                SafeForm(
                    "PreparedStatement-parameter",
                    "try (Connection connection = DriverManager.getConnection(DB_URL);\n"
                    "        PreparedStatement statement = connection.prepareStatement(\n"
                    '                "SELECT email FROM users WHERE username = ?")) {\n'
                    "    statement.setString(1, bar);\n"
                    "    ResultSet results = statement.executeQuery();\n" + COUNT_ROWS + SQL_CATCH,
                ),
            ),
            prelude=(DB_URL,),
        ),
        Sink(
            "Statement.executeUpdate-format",
            "try (Connection connection = DriverManager.getConnection(DB_URL);\n"
            "        Statement statement = connection.createStatement()) {\n"
            '    int deleted = statement.executeUpdate(String.format("DELETE FROM sessions WHERE '
            'user_id = %s", bar));\n'
            '    <<TEXT "deleted " + deleted>>\n' + SQL_CATCH,
            "42",
            BOTH,
            (
                SafeForm(
                    "Integer.parseInt",
                    PARSE_INT.format(name="userId")
                    + "try (Connection connection = DriverManager.getConnection(DB_URL);\n"
                    "        Statement statement = connection.createStatement()) {\n"
                    '    int deleted = statement.executeUpdate(String.format("DELETE FROM sessions '
                    'WHERE user_id = %d", userId));\n'
                    '    <<TEXT "deleted " + deleted>>\n' + SQL_CATCH,
                ),
            ),
            prelude=(DB_URL,),
            pname="user",
        ),
        Sink(
            "JdbcTemplate.queryForList-order-by",
            'List<Map<String, Object>> rows = jdbcTemplate.queryForList("SELECT id, title FROM '
            'articles ORDER BY " + bar);\n<<TEXT "found " + rows.size()>>',
            "title",
            SPRING,
            (
                SafeForm(
                    "allow-list",
                    "if (!SORT_COLUMNS.contains(bar)) {\n    <<REJECT>>\n}\n"
                    'List<Map<String, Object>> rows = jdbcTemplate.queryForList("SELECT id, title '
                    'FROM articles ORDER BY " + bar);\n<<TEXT "found " + rows.size()>>',
                    prelude=(SORTS,),
                ),
            ),
            prelude=(JDBC,),
            pname="sort",
        ),
        Sink(
            "JdbcTemplate.queryForList-concat",
            "List<Map<String, Object>> rows = jdbcTemplate.queryForList(\n"
            '        "SELECT id FROM customers WHERE email = \'" + bar + "\'");\n'
            '<<TEXT "found " + rows.size()>>',
            "alice@example.com",
            SPRING,
            (
                SafeForm(
                    "bind-argument",
                    "List<Map<String, Object>> rows = jdbcTemplate.queryForList(\n"
                    '        "SELECT id FROM customers WHERE email = ?", bar);\n'
                    '<<TEXT "found " + rows.size()>>',
                ),
            ),
            prelude=(JDBC,),
            pname="email",
        ),
    ),
    SOURCES,
)

CONNECT = (
    "private static DirContext connect() throws NamingException {\n"
    "    Hashtable<String, String> env = new Hashtable<>();\n"
    '    env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");\n'
    '    env.put(Context.PROVIDER_URL, "ldap://ldap.example.com:389");\n'
    "    return new InitialDirContext(env);\n}"
)
LDAP_COUNT = (
    "    int count = 0;\n    while (results.hasMore()) {\n        results.next();\n        count++;\n"
    '    }\n    context.close();\n    <<TEXT "found " + count>>\n'
    "} catch (NamingException e) {\n    <<RETHROW e>>\n}"
)
SEARCH_HEAD = (
    "try {\n    DirContext context = connect();\n    SearchControls controls = new SearchControls();\n"
    "    controls.setSearchScope(SearchControls.SUBTREE_SCOPE);\n"
)
LDAP_TEMPLATE = (
    "private final LdapTemplate ldapTemplate;\n\n"
    "public CASE_NAME(LdapTemplate ldapTemplate) {\n    this.ldapTemplate = ldapTemplate;\n}"
)
MAIL_MAPPER = 'AttributesMapper<String> mailMapper = attributes -> String.valueOf(attributes.get("mail").get());\n'

LDAP = TaintClass(
    "ldap-injection",
    "user",
    (
        Sink(
            "DirContext.search-concat",
            SEARCH_HEAD + '    String filter = "(uid=" + bar + ")";\n'
            "    NamingEnumeration<SearchResult> results =\n"
            '            context.search("ou=people,dc=example,dc=com", filter, controls);\n'
            + LDAP_COUNT,
            "jdoe",
            BOTH,
            (
                SafeForm(
                    "filter-arguments",
                    SEARCH_HEAD + "    NamingEnumeration<SearchResult> results = context.search(\n"
                    '            "ou=people,dc=example,dc=com", "(uid={0})", new Object[] {bar}, '
                    "controls);\n" + LDAP_COUNT,
                ),
                SafeForm(
                    "LdapEncoder.filterEncode",
                    SEARCH_HEAD
                    + '    String filter = "(uid=" + LdapEncoder.filterEncode(bar) + ")";\n'
                    "    NamingEnumeration<SearchResult> results =\n"
                    '            context.search("ou=people,dc=example,dc=com", filter, controls);\n'
                    + LDAP_COUNT,
                ),
            ),
            prelude=(CONNECT,),
        ),
        Sink(
            "DirContext.search-format",
            SEARCH_HEAD
            + '    String filter = String.format("(&(objectClass=inetOrgPerson)(mail=%s))", bar);\n'
            "    NamingEnumeration<SearchResult> results =\n"
            '            context.search("ou=people,dc=example,dc=com", filter, controls);\n'
            + LDAP_COUNT,
            "jdoe@example.com",
            BOTH,
            (
                SafeForm(
                    "email-pattern",
                    "if (!EMAIL.matcher(bar).matches()) {\n    <<REJECT>>\n}\n"
                    + SEARCH_HEAD
                    + '    String filter = String.format("(&(objectClass=inetOrgPerson)(mail=%s))", '
                    "bar);\n    NamingEnumeration<SearchResult> results =\n"
                    '            context.search("ou=people,dc=example,dc=com", filter, controls);\n'
                    + LDAP_COUNT,
                    prelude=(
                        "private static final Pattern EMAIL =\n"
                        '        Pattern.compile("^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,190}$");',
                    ),
                ),
                SafeForm(
                    "filter-arguments",
                    SEARCH_HEAD + "    NamingEnumeration<SearchResult> results = context.search(\n"
                    '            "ou=people,dc=example,dc=com", "(&(objectClass=inetOrgPerson)'
                    '(mail={0}))",\n            new Object[] {bar}, controls);\n' + LDAP_COUNT,
                ),
            ),
            prelude=(CONNECT,),
            pname="email",
        ),
        Sink(
            "DirContext.getAttributes-dn",
            "try {\n    DirContext context = connect();\n"
            '    int count = context.getAttributes("uid=" + bar + ",ou=people,dc=example,dc=com").size();\n'
            '    context.close();\n    <<TEXT "attributes " + count>>\n'
            "} catch (NamingException e) {\n    <<RETHROW e>>\n}",
            "jdoe",
            BOTH,
            (
                SafeForm(
                    "LdapEncoder.nameEncode",
                    "try {\n    DirContext context = connect();\n"
                    '    int count = context.getAttributes("uid=" + LdapEncoder.nameEncode(bar) + '
                    '",ou=people,dc=example,dc=com").size();\n'
                    '    context.close();\n    <<TEXT "attributes " + count>>\n'
                    "} catch (NamingException e) {\n    <<RETHROW e>>\n}",
                ),
                SafeForm(
                    "username-pattern",
                    'if (!bar.matches("^[a-z0-9_]{3,32}$")) {\n    <<REJECT>>\n}\n'
                    "try {\n    DirContext context = connect();\n"
                    '    int count = context.getAttributes("uid=" + bar + ",ou=people,dc=example,dc=com")'
                    ".size();\n"
                    '    context.close();\n    <<TEXT "attributes " + count>>\n'
                    "} catch (NamingException e) {\n    <<RETHROW e>>\n}",
                ),
            ),
            prelude=(CONNECT,),
        ),
        Sink(
            "LdapTemplate.search-concat",
            MAIL_MAPPER
            + 'List<String> mails = ldapTemplate.search("ou=people", "(cn=" + bar + ")", '
            'mailMapper);\n<<TEXT "found " + mails.size()>>',
            "Jane Doe",
            SPRING,
            (
                SafeForm(
                    "LdapQueryBuilder",
                    MAIL_MAPPER + "List<String> mails = ldapTemplate.search(\n"
                    '        LdapQueryBuilder.query().base("ou=people").where("cn").is(bar), '
                    'mailMapper);\n<<TEXT "found " + mails.size()>>',
                ),
            ),
            prelude=(LDAP_TEMPLATE,),
            pname="name",
        ),
    ),
    SOURCES,
)

LOAD_USERS = (
    "private static Document loadUsers()\n"
    "        throws ParserConfigurationException, SAXException, IOException {\n"
    "    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();\n"
    '    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);\n'
    '    try (InputStream in = CASE_NAME.class.getResourceAsStream("/users.xml")) {\n'
    "        return factory.newDocumentBuilder().parse(in);\n    }\n}"
)
XPATH_HEAD = "try {\n    Document document = loadUsers();\n    XPath xpath = XPathFactory.newInstance().newXPath();\n"
XPATH_CATCH = (
    "} catch (ParserConfigurationException | SAXException | XPathExpressionException e) {\n"
    "    <<RETHROW e>>\n}"
)
RESOLVER = (
    '    xpath.setXPathVariableResolver(variable -> "name".equals(variable.getLocalPart()) ? bar '
    ": null);\n"
)
NAME_PATTERN = 'if (!bar.matches("^[A-Za-z0-9 _-]{1,64}$")) {\n    <<REJECT>>\n}\n'

XPATH = TaintClass(
    "xpath-injection",
    "name",
    (
        Sink(
            "XPath.evaluate-concat",
            XPATH_HEAD
            + '    String expression = "/users/user[@name=\'" + bar + "\']/email/text()";\n'
            '    String email = xpath.evaluate(expression, document);\n    <<TEXT "email: " + email>>\n'
            + XPATH_CATCH,
            "jdoe",
            BOTH,
            (
                SafeForm(
                    "variable-resolver",
                    XPATH_HEAD
                    + RESOLVER
                    + '    String email = xpath.evaluate("/users/user[@name=$name]/email/text()", '
                    'document);\n    <<TEXT "email: " + email>>\n' + XPATH_CATCH,
                ),
                SafeForm(
                    "name-pattern",
                    NAME_PATTERN
                    + XPATH_HEAD
                    + '    String expression = "/users/user[@name=\'" + bar + "\']/email/text()";\n'
                    "    String email = xpath.evaluate(expression, document);\n"
                    '    <<TEXT "email: " + email>>\n' + XPATH_CATCH,
                ),
            ),
            prelude=(LOAD_USERS,),
        ),
        Sink(
            "XPath.compile-format",
            XPATH_HEAD
            + "    NodeList users = (NodeList) xpath.compile(String.format(\"/users/user[@role='%s']\", "
            "bar))\n            .evaluate(document, XPathConstants.NODESET);\n"
            '    <<TEXT "found " + users.getLength()>>\n' + XPATH_CATCH,
            "editor",
            BOTH,
            (
                SafeForm(
                    "allow-list",
                    "if (!ROLES.contains(bar)) {\n    <<REJECT>>\n}\n"
                    + XPATH_HEAD
                    + '    NodeList users = (NodeList) xpath.compile(String.format("/users/user[@role='
                    "'%s']\", bar))\n            .evaluate(document, XPathConstants.NODESET);\n"
                    '    <<TEXT "found " + users.getLength()>>\n' + XPATH_CATCH,
                    prelude=(
                        'private static final Set<String> ROLES = Set.of("viewer", "editor", "admin");',
                    ),
                ),
            ),
            prelude=(LOAD_USERS,),
            pname="role",
        ),
        Sink(
            "XPath.evaluate-boolean",
            XPATH_HEAD + "    Boolean active = (Boolean) xpath.evaluate(\n"
            "            \"/users/user[@name='\" + bar + \"' and @active='true']\", document, "
            "XPathConstants.BOOLEAN);\n"
            '    <<TEXT "active: " + active>>\n' + XPATH_CATCH,
            "jdoe",
            BOTH,
            (
                SafeForm(
                    "variable-resolver",
                    XPATH_HEAD + RESOLVER + "    Boolean active = (Boolean) xpath.evaluate(\n"
                    "            \"/users/user[@name=$name and @active='true']\", document, "
                    "XPathConstants.BOOLEAN);\n"
                    '    <<TEXT "active: " + active>>\n' + XPATH_CATCH,
                ),
            ),
            prelude=(LOAD_USERS,),
        ),
    ),
    SOURCES,
)

BASE = 'private static final String BASE_DIR = "/srv/app/files";'
NORMALIZE_CHECK = (
    "Path base = Paths.get(BASE_DIR).toAbsolutePath().normalize();\n"
    "Path target = base.resolve(bar).normalize();\n"
    "if (!target.startsWith(base) || target.equals(base)) {\n    <<REJECT>>\n}\n"
)

PATH = TaintClass(
    "path-traversal",
    "file",
    (
        Sink(
            "new-File",
            "File file = new File(BASE_DIR, bar);\n"
            'byte[] content = Files.readAllBytes(file.toPath());\n<<TEXT "read " + content.length + " bytes">>',
            "report.txt",
            BOTH,
            (
                SafeForm(
                    "File.getName",
                    "File file = new File(BASE_DIR, new File(bar).getName());\n"
                    "byte[] content = Files.readAllBytes(file.toPath());\n"
                    '<<TEXT "read " + content.length + " bytes">>',
                ),
                SafeForm(
                    "canonical-path-check",
                    "File file = new File(BASE_DIR, bar);\n"
                    "if (!file.getCanonicalPath().startsWith(new File(BASE_DIR).getCanonicalPath() + "
                    "File.separator)) {\n    <<REJECT>>\n}\n"
                    "byte[] content = Files.readAllBytes(file.toPath());\n"
                    '<<TEXT "read " + content.length + " bytes">>',
                ),
            ),
            prelude=(BASE,),
        ),
        Sink(
            "FileInputStream",
            'try (FileInputStream in = new FileInputStream(BASE_DIR + "/" + bar)) {\n'
            '    byte[] content = in.readAllBytes();\n    <<TEXT "read " + content.length + " bytes">>\n}',
            "report.txt",
            BOTH,
            (
                SafeForm(
                    "FilenameUtils.getName",
                    'try (FileInputStream in = new FileInputStream(BASE_DIR + "/" + '
                    "FilenameUtils.getName(bar))) {\n    byte[] content = in.readAllBytes();\n"
                    '    <<TEXT "read " + content.length + " bytes">>\n}',
                ),
                SafeForm(
                    "allow-list",
                    "if (!PUBLIC_FILES.contains(bar)) {\n    <<REJECT>>\n}\n"
                    'try (FileInputStream in = new FileInputStream(BASE_DIR + "/" + bar)) {\n'
                    "    byte[] content = in.readAllBytes();\n"
                    '    <<TEXT "read " + content.length + " bytes">>\n}',
                    prelude=(
                        "private static final Set<String> PUBLIC_FILES = "
                        'Set.of("report.txt", "summary.txt");',
                    ),
                ),
            ),
            prelude=(BASE,),
        ),
        Sink(
            "Files.readString",
            "String content = Files.readString(Paths.get(BASE_DIR, bar));\n"
            '<<TEXT "read " + content.length() + " characters">>',
            "report.txt",
            BOTH,
            (
                SafeForm(
                    "Path.getFileName",
                    "String content = Files.readString(Paths.get(BASE_DIR, "
                    "Paths.get(bar).getFileName().toString()));\n"
                    '<<TEXT "read " + content.length() + " characters">>',
                ),
                SafeForm(
                    "normalize-and-check-root",
                    NORMALIZE_CHECK + "String content = Files.readString(target);\n"
                    '<<TEXT "read " + content.length() + " characters">>',
                ),
            ),
            prelude=(BASE,),
        ),
        Sink(
            "Files.delete",
            'Files.delete(Path.of(BASE_DIR, bar));\n<<TEXT "deleted">>',
            "old-report.txt",
            BOTH,
            (
                SafeForm(
                    "allow-list",
                    "if (!REMOVABLE_FILES.contains(bar)) {\n    <<REJECT>>\n}\n"
                    'Files.delete(Path.of(BASE_DIR, bar));\n<<TEXT "deleted">>',
                    prelude=(
                        "private static final Set<String> REMOVABLE_FILES = "
                        'Set.of("old-report.txt", "draft.txt");',
                    ),
                ),
                SafeForm(
                    "normalize-and-check-root",
                    NORMALIZE_CHECK + 'Files.delete(target);\n<<TEXT "deleted">>',
                ),
            ),
            prelude=(BASE,),
        ),
    ),
    SOURCES,
)

ALLOWED = (
    "private static final Set<String> ALLOWED_HOSTS = "
    'Set.of("status.example.com", "api.example.com");'
)
URI_CHECK = (
    "URI target = URI.create(bar);\n"
    'if (!"https".equals(target.getScheme()) || !ALLOWED_HOSTS.contains(target.getHost())) {\n'
    "    <<REJECT>>\n}\n"
)
CONNECTION = (
    "connection.setConnectTimeout(5000);\nint status = connection.getResponseCode();\n"
    'connection.disconnect();\n<<TEXT "upstream status " + status>>'
)
SEND = (
    "try {\n    HttpResponse<String> reply = client.send(upstream, HttpResponse.BodyHandlers.ofString());\n"
    '    <<TEXT "upstream status " + reply.statusCode()>>\n'
    "} catch (InterruptedException e) {\n    Thread.currentThread().interrupt();\n    <<RETHROW e>>\n}"
)
REST = "private final RestTemplate restTemplate = new RestTemplate();"

SSRF = TaintClass(
    "ssrf",
    "url",
    (
        Sink(
            "URL.openConnection",
            "HttpURLConnection connection = (HttpURLConnection) new URL(bar).openConnection();\n"
            + CONNECTION,
            "https://status.example.com/health",
            BOTH,
            (
                SafeForm(
                    "host-allow-list",
                    URI_CHECK
                    + "HttpURLConnection connection = (HttpURLConnection) target.toURL().openConnection();\n"
                    + CONNECTION,
                    prelude=(ALLOWED,),
                ),
                SafeForm(
                    "fixed-host-encoded-query",
                    "HttpURLConnection connection = (HttpURLConnection) new URL(\n"
                    '        "https://status.example.com/api/services?name="\n'
                    "                + URLEncoder.encode(bar, StandardCharsets.UTF_8)).openConnection();\n"
                    + CONNECTION,
                ),
            ),
        ),
        Sink(
            "HttpClient.send-host",
            "HttpClient client = HttpClient.newHttpClient();\n"
            'HttpRequest upstream = HttpRequest.newBuilder(URI.create("http://" + bar + "/api/stock"))'
            ".build();\n" + SEND,
            "inventory.internal",
            BOTH,
            (
                SafeForm(
                    "service-map",
                    "String host = SERVICES.get(bar);\nif (host == null) {\n    <<REJECT>>\n}\n"
                    "HttpClient client = HttpClient.newHttpClient();\n"
                    'HttpRequest upstream = HttpRequest.newBuilder(URI.create("http://" + host + '
                    '"/api/stock")).build();\n' + SEND,
                    prelude=(
                        "private static final Map<String, String> SERVICES =\n"
                        '        Map.of("inventory", "inventory.internal", "pricing", '
                        '"pricing.internal");',
                    ),
                ),
            ),
            pname="host",
        ),
        Sink(
            "RestTemplate.getForObject",
            "String body = restTemplate.getForObject(bar, String.class);\n"
            '<<TEXT "received " + (body == null ? 0 : body.length()) + " characters">>',
            "https://api.example.com/v1/ping",
            SPRING,
            (
                SafeForm(
                    "host-allow-list",
                    URI_CHECK + "String body = restTemplate.getForObject(target, String.class);\n"
                    '<<TEXT "received " + (body == null ? 0 : body.length()) + " characters">>',
                    prelude=(ALLOWED,),
                ),
            ),
            prelude=(REST,),
        ),
        Sink(
            "URL.openStream-format",
            'try (InputStream in = new URL(String.format("%s/notify", bar)).openStream()) {\n'
            '    <<TEXT "received " + in.readAllBytes().length + " bytes">>\n}',
            "https://api.example.com/hooks",
            BOTH,
            (
                SafeForm(
                    "host-allow-list",
                    URI_CHECK + 'try (InputStream in = new URL(String.format("%s/notify", target))'
                    ".openStream()) {\n"
                    '    <<TEXT "received " + in.readAllBytes().length + " bytes">>\n}',
                    prelude=(ALLOWED,),
                ),
            ),
            pname="callback",
        ),
    ),
    SOURCES,
)

ALLOWED_PATHS = (
    'private static final Set<String> ALLOWED_PATHS = Set.of("/dashboard", "/account", "/orders");'
)

REDIRECT = TaintClass(
    "open-redirect",
    "next",
    (
        Sink(
            "sendRedirect",
            "response.sendRedirect(bar);",
            "/dashboard",
            SERVLET,
            (
                SafeForm(
                    "allow-list",
                    "if (!ALLOWED_PATHS.contains(bar)) {\n    <<REJECT>>\n}\nresponse.sendRedirect(bar);",
                    prelude=(ALLOWED_PATHS,),
                ),
                SafeForm(
                    "map-lookup",
                    'response.sendRedirect(DESTINATIONS.getOrDefault(bar, "/"));',
                    prelude=(
                        "private static final Map<String, String> DESTINATIONS =\n"
                        '        Map.of("orders", "/orders", "account", "/account");',
                    ),
                ),
            ),
        ),
        Sink(
            "Location-header",
            'response.setStatus(HttpServletResponse.SC_FOUND);\nresponse.setHeader("Location", bar);',
            "/orders",
            SERVLET,
            (
                SafeForm(
                    "encoded-query-on-fixed-path",
                    "response.setStatus(HttpServletResponse.SC_FOUND);\n"
                    'response.setHeader("Location", "/login?next=" + URLEncoder.encode(bar, '
                    "StandardCharsets.UTF_8));",
                ),
                SafeForm(
                    "allow-list",
                    "if (!ALLOWED_PATHS.contains(bar)) {\n    <<REJECT>>\n}\n"
                    "response.setStatus(HttpServletResponse.SC_FOUND);\n"
                    'response.setHeader("Location", bar);',
                    prelude=(ALLOWED_PATHS,),
                ),
            ),
        ),
        Sink(
            "ResponseEntity.location",
            "return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(bar)).build();",
            "/dashboard",
            SPRING,
            (
                SafeForm(
                    "allow-list",
                    "if (!ALLOWED_PATHS.contains(bar)) {\n    <<REJECT>>\n}\n"
                    "return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(bar)).build();",
                    prelude=(ALLOWED_PATHS,),
                ),
                SafeForm(
                    "encoded-query-on-fixed-path",
                    "return ResponseEntity.status(HttpStatus.FOUND)\n"
                    '        .location(URI.create("/login?next=" + URLEncoder.encode(bar, '
                    "StandardCharsets.UTF_8)))\n        .build();",
                ),
            ),
        ),
        Sink(
            "HttpHeaders.LOCATION",
            "HttpHeaders headers = new HttpHeaders();\nheaders.add(HttpHeaders.LOCATION, bar);\n"
            "return new ResponseEntity<>(headers, HttpStatus.SEE_OTHER);",
            "/orders",
            SPRING,
            (
                SafeForm(
                    "allow-list",
                    "if (!ALLOWED_PATHS.contains(bar)) {\n    <<REJECT>>\n}\n"
                    "HttpHeaders headers = new HttpHeaders();\nheaders.add(HttpHeaders.LOCATION, bar);\n"
                    "return new ResponseEntity<>(headers, HttpStatus.SEE_OTHER);",
                    prelude=(ALLOWED_PATHS,),
                ),
            ),
        ),
        Sink(
            "sendRedirect-host",
            'response.sendRedirect("https://" + bar + "/welcome");',
            "shop.example.com",
            SERVLET,
            (
                SafeForm(
                    "domain-allow-list",
                    "if (!OWN_DOMAINS.contains(bar)) {\n    <<REJECT>>\n}\n"
                    'response.sendRedirect("https://" + bar + "/welcome");',
                    prelude=(
                        "private static final Set<String> OWN_DOMAINS = "
                        'Set.of("shop.example.com", "shop.example.org");',
                    ),
                ),
            ),
            pname="domain",
        ),
    ),
    SOURCES,
)

HTML_TYPE = 'response.setContentType("text/html;charset=UTF-8");\n'

XSS = TaintClass(
    "xss",
    "name",
    (
        Sink(
            "html-response-concat",
            '<<HTML "<h1>Hello " + bar + "</h1>">>',
            "guest",
            BOTH,
            (
                SafeForm(
                    "StringEscapeUtils.escapeHtml4",
                    '<<HTML "<h1>Hello " + StringEscapeUtils.escapeHtml4(bar) + "</h1>">>',
                ),
                SafeForm("Encode.forHtml", '<<HTML "<h1>Hello " + Encode.forHtml(bar) + "</h1>">>'),
            ),
        ),
        Sink(
            "PrintWriter.format",
            HTML_TYPE + 'response.getWriter().format("<p>Search results for <b>%s</b></p>", bar);',
            "shoes",
            SERVLET,
            (
                SafeForm(
                    "HtmlUtils.htmlEscape",
                    HTML_TYPE
                    + 'response.getWriter().format("<p>Search results for <b>%s</b></p>", '
                    "HtmlUtils.htmlEscape(bar));",
                ),
            ),
            pname="q",
        ),
        Sink(
            "PrintWriter.write",
            HTML_TYPE
            + 'response.getWriter().write("<a href=\\"/items?page=" + bar + "\\">Next page</a>");',
            "2",
            SERVLET,
            (
                SafeForm(
                    "Integer.parseInt",
                    PARSE_INT.format(name="page")
                    + HTML_TYPE
                    + 'response.getWriter().write("<a href=\\"/items?page=" + page + "\\">Next page</a>");',
                ),
            ),
            pname="page",
        ),
        Sink(
            "html-response-format",
            '<<HTML String.format("<p>Welcome back, %s</p>", bar)>>',
            "guest",
            BOTH,
            (
                SafeForm(
                    "HtmlUtils.htmlEscape",
                    '<<HTML String.format("<p>Welcome back, %s</p>", HtmlUtils.htmlEscape(bar))>>',
                ),
            ),
        ),
    ),
    SOURCES,
)

CLASSES: tuple[TaintClass, ...] = (COMMAND, SQL, LDAP, XPATH, PATH, SSRF, REDIRECT, XSS)
