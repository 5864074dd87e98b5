import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.stream.XMLInputFactory;

class Parsers {
    void unsafe() throws Exception {
        // ruleid: java.xxe
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.newDocumentBuilder();
        // ruleid: java.xxe
        SAXParserFactory spf = SAXParserFactory.newInstance();
        spf.newSAXParser();
    }

    void safe() throws Exception {
        // ok: java.xxe
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        dbf.newDocumentBuilder();
        // ok: java.xxe
        XMLInputFactory xif = XMLInputFactory.newInstance();
        xif.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    }

    javax.xml.parsers.DocumentBuilder resolver(org.xml.sax.EntityResolver resolver) throws Exception {
        // ok: java.xxe
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        javax.xml.parsers.DocumentBuilder builder = dbf.newDocumentBuilder();
        builder.setEntityResolver(resolver);
        return builder;
    }
}
