# ruff: noqa: E501
# Program text held as data: long lines and SQL-looking strings are the cases themselves.
"""The Java XML, deserialization and session classes (see casegen.py and java_taint.py)."""

from __future__ import annotations

from casegen import SafeForm, Sink, Source, TaintClass
from java_program import BOTH, SERVLET, SOURCES, SPRING

XML_SOURCES: tuple[Source, ...] = (
    Source(
        "getParameter", "servlet", 'String param = request.getParameter("PNAME");', method="POST"
    ),
    Source("@RequestBody", "spring", "@RequestBody String param", method="POST"),
    Source(
        "getParameterMap",
        "servlet",
        'String[] values = request.getParameterMap().get("PNAME");\n'
        'String param = values == null ? "" : values[0];',
        method="POST",
    ),
    Source("@RequestParam", "spring", '@RequestParam("PNAME") String param', method="POST"),
    Source(
        "getReader",
        "servlet",
        "String param;\ntry (java.io.BufferedReader reader = request.getReader()) {\n"
        '    param = reader.lines().collect(java.util.stream.Collectors.joining("\\n"));\n}',
        method="POST",
    ),
)
ORDER = "<order><item>book</item><item>pen</item></order>"
DISALLOW_DOCTYPE = '"http://apache.org/xml/features/disallow-doctype-decl", true'


def _dbf(config: str) -> str:
    return (
        "try {\n    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();\n"
        + config
        + "    DocumentBuilder builder = factory.newDocumentBuilder();\n"
        "    Document document = builder.parse(new InputSource(new StringReader(bar)));\n"
        '    <<TEXT "items: " + document.getElementsByTagName("item").getLength()>>\n'
        "} catch (ParserConfigurationException | SAXException e) {\n    <<RETHROW e>>\n}"
    )


COUNTER = (
    "private static final class ElementCounter extends DefaultHandler {\n    private int count;\n\n"
    "    @Override\n"
    "    public void startElement(String uri, String localName, String qName, Attributes attributes) {\n"
    "        count++;\n    }\n}"
)


def _sax(config: str) -> str:
    return (
        "try {\n    SAXParserFactory factory = SAXParserFactory.newInstance();\n"
        + config
        + "    SAXParser parser = factory.newSAXParser();\n"
        "    ElementCounter counter = new ElementCounter();\n"
        "    parser.parse(new InputSource(new StringReader(bar)), counter);\n"
        '    <<TEXT "elements: " + counter.count>>\n'
        "} catch (ParserConfigurationException | SAXException e) {\n    <<RETHROW e>>\n}"
    )


def _stax(config: str) -> str:
    return (
        "try {\n    XMLInputFactory factory = XMLInputFactory.newInstance();\n"
        + config
        + "    XMLStreamReader reader = factory.createXMLStreamReader(new StringReader(bar));\n"
        "    int elements = 0;\n    while (reader.hasNext()) {\n"
        "        if (reader.next() == XMLStreamReader.START_ELEMENT) {\n            elements++;\n"
        '        }\n    }\n    <<TEXT "elements: " + elements>>\n'
        "} catch (XMLStreamException e) {\n    <<RETHROW e>>\n}"
    )


def _transform(config: str) -> str:
    return (
        "try {\n    TransformerFactory factory = TransformerFactory.newInstance();\n"
        + config
        + "    Transformer transformer = factory.newTransformer();\n"
        "    StringWriter out = new StringWriter();\n"
        "    transformer.transform(new StreamSource(new StringReader(bar)), new StreamResult(out));\n"
        '    <<TEXT "normalized " + out.toString().length() + " characters">>\n'
        "} catch (TransformerException e) {\n    <<RETHROW e>>\n}"
    )


def _validate(config: str) -> str:
    return (
        "try {\n    SchemaFactory schemas = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);\n"
        '    Schema schema = schemas.newSchema(CASE_NAME.class.getResource("/order.xsd"));\n'
        "    Validator validator = schema.newValidator();\n"
        + config
        + "    validator.validate(new StreamSource(new StringReader(bar)));\n"
        '    <<TEXT "valid">>\n'
        "} catch (SAXException e) {\n    <<REJECT>>\n}"
    )


def _dom4j(config: str, caught: str = "DocumentException") -> str:
    return (
        "try {\n    SAXReader reader = new SAXReader();\n"
        + config
        + "    org.dom4j.Document document = reader.read(new StringReader(bar));\n"
        '    <<TEXT "items: " + document.getRootElement().elements("item").size()>>\n'
        f"}} catch ({caught} e) {{\n    <<RETHROW e>>\n}}"
    )


XXE = TaintClass(
    "xxe",
    "xml",
    (
        Sink(
            "DocumentBuilderFactory-default",
            _dbf(""),
            ORDER,
            BOTH,
            (
                SafeForm(
                    "disallow-doctype-decl", _dbf(f"    factory.setFeature({DISALLOW_DOCTYPE});\n")
                ),
                SafeForm(
                    "external-entities-off",
                    _dbf(
                        '    factory.setFeature("http://xml.org/sax/features/external-general-entities", '
                        "false);\n"
                        '    factory.setFeature("http://xml.org/sax/features/external-parameter-entities", '
                        "false);\n"
                        '    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", '
                        "false);\n"
                        "    factory.setXIncludeAware(false);\n    factory.setExpandEntityReferences(false);\n"
                    ),
                ),
            ),
        ),
        Sink(
            "SAXParserFactory-default",
            _sax(""),
            ORDER,
            BOTH,
            (
                SafeForm(
                    "disallow-doctype-decl", _sax(f"    factory.setFeature({DISALLOW_DOCTYPE});\n")
                ),
            ),
            prelude=(COUNTER,),
        ),
        Sink(
            "XMLInputFactory-default",
            _stax(""),
            ORDER,
            BOTH,
            (
                SafeForm(
                    "support-dtd-off",
                    _stax("    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);\n"),
                ),
                SafeForm(
                    "external-entities-off",
                    _stax(
                        "    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);\n"
                    ),
                ),
            ),
        ),
        Sink(
            "TransformerFactory-default",
            _transform(""),
            ORDER,
            BOTH,
            (
                SafeForm(
                    "access-external-off",
                    _transform(
                        '    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");\n'
                        '    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");\n'
                    ),
                ),
            ),
        ),
        Sink(
            "Validator-default",
            _validate(""),
            ORDER,
            BOTH,
            (
                SafeForm(
                    "access-external-off",
                    _validate(
                        '    validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");\n'
                        '    validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");\n'
                    ),
                ),
            ),
        ),
        Sink(
            "dom4j.SAXReader-default",
            _dom4j(""),
            ORDER,
            BOTH,
            (
                SafeForm(
                    "disallow-doctype-decl",
                    _dom4j(
                        f"    reader.setFeature({DISALLOW_DOCTYPE});\n",
                        "DocumentException | SAXException",
                    ),
                ),
            ),
        ),
    ),
    XML_SOURCES,
)

PREFERENCES = "public record Preferences(String theme, String language) {}"
OBJECT_STREAM = (
    "byte[] bytes = Base64.getDecoder().decode(bar);\n"
    "try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {\n"
    "{filter}"
    "    Object value = in.readObject();\n"
    '    <<TEXT "restored " + value.getClass().getSimpleName()>>\n'
    "} catch (ClassNotFoundException e) {\n    <<RETHROW e>>\n}"
)
SERIALIZED_HELLO = "rO0ABXQABWhlbGxv"

DESERIALIZATION = TaintClass(
    "deserialization",
    "data",
    (
        Sink(
            "ObjectInputStream.readObject",
            OBJECT_STREAM.replace("{filter}", ""),
            SERIALIZED_HELLO,
            BOTH,
            (
                SafeForm(
                    "ObjectInputFilter-allow-list",
                    OBJECT_STREAM.replace(
                        "{filter}",
                        "    in.setObjectInputFilter(\n"
                        '            ObjectInputFilter.Config.createFilter("java.lang.String;java.lang.Number;'
                        'java.lang.Integer;!*"));\n',
                    ),
                ),
            ),
        ),
        Sink(
            "XMLDecoder.readObject",
            "try (XMLDecoder decoder = new XMLDecoder(new ByteArrayInputStream(bar.getBytes(StandardCharsets.UTF_8)))) {\n"
            "    Object value = decoder.readObject();\n"
            '    <<TEXT "restored " + value.getClass().getSimpleName()>>\n}',
            "<java><string>dark</string></java>",
            BOTH,
            (
                SafeForm(
                    "XmlMapper-concrete-type",
                    "Preferences value = new XmlMapper().readValue(bar, Preferences.class);\n"
                    '<<TEXT "restored theme " + value.theme().length()>>',
                    prelude=(PREFERENCES,),
                ),
            ),
            pname="prefs",
        ),
        Sink(
            "snakeyaml.Yaml.load",
            "Object settings = new Yaml().load(bar);\n"
            '<<TEXT "loaded " + (settings == null ? "nothing" : settings.getClass().getSimpleName())>>',
            "theme: dark",
            BOTH,
            (
                SafeForm(
                    "SafeConstructor",
                    "Object settings = new Yaml(new SafeConstructor(new LoaderOptions())).load(bar);\n"
                    '<<TEXT "loaded " + (settings == null ? "nothing" : settings.getClass().getSimpleName())>>',
                ),
            ),
            pname="settings",
        ),
        Sink(
            "jackson-default-typing",
            "ObjectMapper mapper = new ObjectMapper();\nmapper.enableDefaultTyping();\n"
            "Object value = mapper.readValue(bar, Object.class);\n"
            '<<TEXT "restored " + value.getClass().getSimpleName()>>',
            '["java.util.HashMap",{"theme":"dark"}]',
            BOTH,
            (
                SafeForm(
                    "concrete-type-no-default-typing",
                    "ObjectMapper mapper = new ObjectMapper();\n"
                    "Preferences value = mapper.readValue(bar, Preferences.class);\n"
                    '<<TEXT "restored theme " + value.theme().length()>>',
                    prelude=(PREFERENCES,),
                ),
            ),
            pname="prefs",
        ),
        Sink(
            "XStream.fromXML",
            "XStream xstream = new XStream();\nObject value = xstream.fromXML(bar);\n"
            '<<TEXT "restored " + value.getClass().getSimpleName()>>',
            "<string>dark</string>",
            BOTH,
            (
                SafeForm(
                    "type-permissions",
                    "XStream xstream = new XStream();\nxstream.addPermission(NoTypePermission.NONE);\n"
                    "xstream.allowTypes(new Class<?>[] {String.class});\nObject value = xstream.fromXML(bar);\n"
                    '<<TEXT "restored " + value.getClass().getSimpleName()>>',
                ),
            ),
            pname="state",
        ),
    ),
    SOURCES,
)

USERNAME = 'if (!bar.matches("^[A-Za-z0-9_]{3,32}$")) {\n    <<REJECT>>\n}\n'

TRUST = TaintClass(
    "trust-boundary",
    "user",
    (
        Sink(
            "HttpSession.setAttribute-value",
            'request.getSession().setAttribute("userid", bar);\n<<TEXT "saved">>',
            "guest",
            SERVLET,
            (
                SafeForm(
                    "username-pattern",
                    USERNAME
                    + 'request.getSession().setAttribute("userid", bar);\n<<TEXT "saved">>',
                ),
            ),
        ),
        Sink(
            "HttpSession.setAttribute-name",
            'HttpSession session = request.getSession();\nsession.setAttribute(bar, "10340");\n'
            '<<TEXT "saved">>',
            "theme",
            SERVLET,
            (
                SafeForm(
                    "allow-list",
                    "if (!PREFERENCE_NAMES.contains(bar)) {\n    <<REJECT>>\n}\n"
                    'HttpSession session = request.getSession();\nsession.setAttribute(bar, "10340");\n'
                    '<<TEXT "saved">>',
                    prelude=(
                        "private static final Set<String> PREFERENCE_NAMES = "
                        'Set.of("theme", "language", "pageSize");',
                    ),
                ),
            ),
            pname="preference",
        ),
        Sink(
            "spring-HttpSession.setAttribute",
            'session.setAttribute("cartId", bar);\n<<TEXT "saved">>',
            "1001",
            SPRING,
            (
                SafeForm(
                    "Integer.parseInt",
                    "int cartId;\ntry {\n    cartId = Integer.parseInt(bar);\n"
                    "} catch (NumberFormatException e) {\n    <<REJECT>>\n}\n"
                    'session.setAttribute("cartId", cartId);\n<<TEXT "saved">>',
                ),
            ),
            pname="cart",
        ),
        Sink(
            "HttpSession.setAttribute-map",
            'request.getSession().setAttribute("preferences", Map.of("language", bar));\n'
            '<<TEXT "saved">>',
            "en",
            SERVLET,
            (
                SafeForm(
                    "allow-list",
                    "if (!LANGUAGES.contains(bar)) {\n    <<REJECT>>\n}\n"
                    'request.getSession().setAttribute("preferences", Map.of("language", bar));\n'
                    '<<TEXT "saved">>',
                    prelude=(
                        'private static final Set<String> LANGUAGES = Set.of("en", "de", "fr", "es");',
                    ),
                ),
            ),
            pname="lang",
        ),
    ),
    SOURCES,
)

CLASSES: tuple[TaintClass, ...] = (XXE, DESERIALIZATION, TRUST)
