"""Java skeletons, sources and flows for the generated corpus (Jakarta Servlets and Spring MVC).

Each case is one public class named after its file. Imports are found from the code: every
simple class name listed in ``IMPORTS`` that the code uses (outside string literals) is imported.
A Spring source is a handler parameter (``@RequestParam`` ...), a Servlet source is statements.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from casegen import Flow, Program, Source, expand_tokens, indent, source_code

SERVLET = frozenset({"servlet"})
SPRING = frozenset({"spring"})
BOTH = frozenset({"servlet", "spring"})

IMPORTS = {
    name: f"{package}.{name}"
    for package, names in {
        "java.io": "ByteArrayInputStream File FileInputStream IOException InputStream "
        "ObjectInputFilter ObjectInputStream StringReader StringWriter",
        "java.beans": "XMLDecoder",
        "java.net": "HttpURLConnection URI URL URLDecoder URLEncoder",
        "java.net.http": "HttpClient HttpRequest HttpResponse",
        "java.nio.charset": "StandardCharsets",
        "java.nio.file": "Files Path Paths",
        "java.security": "GeneralSecurityException MessageDigest SecureRandom",
        "java.sql": "Connection DriverManager PreparedStatement ResultSet SQLException Statement",
        "java.util": "ArrayList Base64 Collections HashMap Hashtable HexFormat List Map Random Set "
        "UUID",
        "java.util.concurrent": "ThreadLocalRandom",
        "java.util.regex": "Pattern",
        "javax.crypto": "Mac SecretKeyFactory",
        "javax.crypto.spec": "PBEKeySpec SecretKeySpec",
        "javax.naming": "Context NamingEnumeration NamingException",
        "javax.naming.directory": "DirContext InitialDirContext SearchControls SearchResult",
        "javax.xml": "XMLConstants",
        "javax.xml.parsers": "DocumentBuilder DocumentBuilderFactory ParserConfigurationException "
        "SAXParser SAXParserFactory",
        "javax.xml.stream": "XMLInputFactory XMLStreamException XMLStreamReader",
        "javax.xml.transform": "Transformer TransformerException TransformerFactory",
        "javax.xml.transform.stream": "StreamResult StreamSource",
        "javax.xml.validation": "Schema SchemaFactory Validator",
        "javax.xml.xpath": "XPath XPathConstants XPathExpressionException XPathFactory",
        "org.w3c.dom": "Document NodeList",
        "org.xml.sax": "Attributes InputSource SAXException",
        "org.xml.sax.helpers": "DefaultHandler",
        "jakarta.servlet": "ServletException",
        "jakarta.servlet.annotation": "WebServlet",
        "jakarta.servlet.http": "Cookie HttpServlet HttpServletRequest HttpServletResponse "
        "HttpSession",
        "org.springframework.http": "HttpHeaders HttpStatus MediaType ResponseCookie "
        "ResponseEntity",
        "org.springframework.jdbc.core": "JdbcTemplate",
        "org.springframework.ldap.core": "AttributesMapper LdapTemplate",
        "org.springframework.ldap.query": "LdapQueryBuilder",
        "org.springframework.ldap.support": "LdapEncoder",
        "org.springframework.security.crypto.argon2": "Argon2PasswordEncoder",
        "org.springframework.security.crypto.bcrypt": "BCryptPasswordEncoder",
        "org.springframework.web.bind.annotation": "CookieValue GetMapping PathVariable "
        "PostMapping RequestBody RequestHeader RequestParam RestController",
        "org.springframework.web.client": "RestTemplate",
        "org.springframework.web.util": "HtmlUtils",
        "org.apache.commons.codec.digest": "DigestUtils",
        "org.apache.commons.io": "FilenameUtils",
        "org.apache.commons.text": "StringEscapeUtils",
        "org.owasp.encoder": "Encode",
        "org.yaml.snakeyaml": "LoaderOptions Yaml",
        "org.yaml.snakeyaml.constructor": "SafeConstructor",
        "com.fasterxml.jackson.databind": "ObjectMapper",
        "com.fasterxml.jackson.dataformat.xml": "XmlMapper",
        "com.thoughtworks.xstream": "XStream",
        "com.thoughtworks.xstream.security": "NoTypePermission",
        "org.dom4j": "DocumentException",
        "org.dom4j.io": "SAXReader",
    }.items()
    for name in names.split()
}
_WORD = re.compile(r"\b([A-Z][A-Za-z0-9]*)\b")
_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')

SERVLET_COOKIE = (
    'String param = "";\nCookie[] cookies = request.getCookies();\nif (cookies != null) {\n'
    '    for (Cookie cookie : cookies) {\n        if ("PNAME".equals(cookie.getName())) {\n'
    "            param = URLDecoder.decode(cookie.getValue(), StandardCharsets.UTF_8);\n"
    "        }\n    }\n}"
)
QUERY_STRING = (
    'String queryString = request.getQueryString();\nString paramKey = "PNAME=";\n'
    "int start = queryString == null ? -1 : queryString.indexOf(paramKey);\n"
    "if (start < 0) {\n    <<REJECT>>\n}\n"
    "String param = URLDecoder.decode(\n"
    '        queryString.substring(start + paramKey.length()).split("&")[0],\n'
    "        StandardCharsets.UTF_8);"
)

SOURCES: tuple[Source, ...] = (
    Source("getParameter", "servlet", 'String param = request.getParameter("PNAME");'),
    Source("@RequestParam", "spring", '@RequestParam("PNAME") String param'),
    Source("getHeader", "servlet", 'String param = request.getHeader("X-PNAME");'),
    Source("@PathVariable", "spring", '@PathVariable("PNAME") String param', route_param=True),
    Source("getCookies", "servlet", SERVLET_COOKIE),
    Source("@RequestHeader", "spring", '@RequestHeader("X-PNAME") String param'),
    Source("getQueryString", "servlet", QUERY_STRING),
    Source("@CookieValue", "spring", '@CookieValue("PNAME") String param'),
    Source(
        "getParameterValues",
        "servlet",
        'String[] values = request.getParameterValues("PNAME");\n'
        'String param = values == null ? "" : values[0];',
        method="POST",
    ),
    Source("@RequestBody", "spring", "@RequestBody String param", method="POST"),
    Source(
        "getParameterMap",
        "servlet",
        'String[] values = request.getParameterMap().get("PNAME");\n'
        'String param = values == null ? "" : values[0];',
    ),
    Source("@RequestParam", "spring", '@RequestParam("PNAME") String param', method="POST"),
)


def quote(value: str) -> str:
    return json.dumps(value)


def make_flow(kind: str, const: str) -> Flow:
    c = quote(const)
    helper = (
        "private static String normalize(String value) {\n"
        '    return value == null ? "" : value.trim().replaceAll("\\\\s+", " ");\n}'
    )
    collection = (
        'List<String> valuesList = new ArrayList<>();\nvaluesList.add("safe");\n'
        f"valuesList.add(param);\nvaluesList.add({c});\nvaluesList.remove(0);\n"
    )
    flows = {
        "direct": Flow("String bar = param;"),
        "string-method": Flow("String bar = param.trim();"),
        "helper": Flow("String bar = normalize(param);", helpers=(helper,)),
        "ternary": Flow(
            "int num = 106;\n"
            'String bar = (7 * 42) - num > 200 ? "This should never happen" : param;'
        ),
        "dead-branch": Flow(f"int num = 106;\nString bar = (7 * 18) + num > 200 ? {c} : param;"),
        "collection": Flow(collection + "String bar = valuesList.get(0);"),
        "collection-constant": Flow(collection + "String bar = valuesList.get(1);"),
        "map": Flow(
            f'Map<String, Object> map = new HashMap<>();\nmap.put("keyA", {c});\n'
            'map.put("keyB", param);\nString bar = (String) map.get("keyB");'
        ),
        "builder": Flow(
            "StringBuilder sb = new StringBuilder();\nsb.append(param);\n"
            "String bar = sb.toString();"
        ),
        "reassign": Flow(f"String bar = {c};\nbar = param;"),
        "overwrite": Flow(f"String bar = param;\nbar = {c};"),
        "constant": Flow(f"String bar = {c};"),
    }
    return flows[kind]


def _expand(framework: str, name: str, arg: str) -> Sequence[str]:
    if framework == "spring":
        return {
            "TEXT": [f"return ResponseEntity.ok({arg});"],
            "HTML": [f"return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body({arg});"],
            "REJECT": ['return ResponseEntity.badRequest().body("invalid input");'],
            "FAIL": ["return ResponseEntity.internalServerError().build();"],
            "RETHROW": [f"throw new IllegalStateException({arg});"],
        }[name]
    return {
        "TEXT": [
            'response.setContentType("text/plain;charset=UTF-8");',
            f"response.getWriter().println({arg});",
        ],
        "HTML": [
            'response.setContentType("text/html;charset=UTF-8");',
            f"response.getWriter().println({arg});",
        ],
        "REJECT": [
            'response.sendError(HttpServletResponse.SC_BAD_REQUEST, "invalid input");',
            "return;",
        ],
        "FAIL": ["response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);", "return;"],
        "RETHROW": [f"throw new ServletException({arg});"],
    }[name]


def _imports(code: str) -> list[str]:
    names = set(_WORD.findall(_STRING.sub('""', code)))
    found = sorted({IMPORTS[n] for n in names if n in IMPORTS})
    groups: dict[str, list[str]] = {}
    for fqn in found:
        top = fqn.split(".")[0]
        groups.setdefault(top if top in ("java", "javax", "jakarta") else "other", []).append(fqn)
    return [
        "\n".join(f"import {fqn};" for fqn in groups[key])
        for key in ("java", "javax", "jakarta", "other")
        if key in groups
    ]


def _spring_params(prog: Program, body: str) -> list[str]:
    params = []
    if prog.source.code:
        params.append(source_code(prog))
    if re.search(r"\bsession\.", body) and "HttpSession session =" not in body:
        params.append("HttpSession session")
    if "response." in body:
        params.append("HttpServletResponse response")
    return params


def write(prog: Program) -> tuple[str, str]:
    framework = prog.source.framework
    source = "" if framework == "spring" else source_code(prog)
    parts = [source, prog.flow.code, prog.sink_code]
    raw = "\n".join(part for part in parts if part)
    body = expand_tokens(raw, lambda name, arg: _expand(framework, name, arg))
    route = "/api/CASE_NAME"
    if framework == "spring":
        if prog.source.route_param:
            route += f"/{{{prog.pname}}}"
        mapping = "PostMapping" if prog.source.method == "POST" else "GetMapping"
        params = ", ".join(_spring_params(prog, raw))
        handler = (
            f'@{mapping}("{route}")\n'
            f"public ResponseEntity<String> handle({params}) throws Exception {{\n"
            f"{indent(body, '    ')}\n}}"
        )
        head = "@RestController\npublic class CASE_NAME {"
    else:
        verb = "doPost" if prog.source.method == "POST" else "doGet"
        handler = (
            "@Override\n"
            f"protected void {verb}(HttpServletRequest request, HttpServletResponse response)\n"
            "        throws ServletException, IOException {\n"
            f"{indent(body, '    ')}\n}}"
        )
        head = (
            f'@WebServlet("{route}")\npublic class CASE_NAME extends HttpServlet {{\n\n'
            "    private static final long serialVersionUID = 1L;"
        )
    sections = [indent(m, "    ") for m in prog.prelude]
    sections.append(indent(handler, "    "))
    sections.extend(indent(m, "    ") for m in prog.flow.helpers)
    klass = head + "\n\n" + "\n\n".join(sections) + "\n}\n"
    imports = _imports(klass)
    return "\n\n".join([*imports, klass]), ".java"
