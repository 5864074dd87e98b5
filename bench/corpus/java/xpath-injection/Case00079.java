import java.io.IOException;
import java.io.InputStream;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

@RestController
public class Case00079 {

    private static Document loadUsers()
            throws ParserConfigurationException, SAXException, IOException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try (InputStream in = Case00079.class.getResourceAsStream("/users.xml")) {
            return factory.newDocumentBuilder().parse(in);
        }
    }

    @GetMapping("/api/Case00079/{name}")
    public ResponseEntity<String> handle(@PathVariable("name") String param) throws Exception {
        int num = 106;
        String bar = (7 * 42) - num > 200 ? "This should never happen" : param;
        try {
            Document document = loadUsers();
            XPath xpath = XPathFactory.newInstance().newXPath();
            String expression = "/users/user[@name='" + bar + "']/email/text()";
            String email = xpath.evaluate(expression, document);
            return ResponseEntity.ok("email: " + email);
        } catch (ParserConfigurationException | SAXException | XPathExpressionException e) {
            throw new IllegalStateException(e);
        }
    }
}
