import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

@RestController
public class Case00096 {

    private static Document loadUsers()
            throws ParserConfigurationException, SAXException, IOException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try (InputStream in = Case00096.class.getResourceAsStream("/users.xml")) {
            return factory.newDocumentBuilder().parse(in);
        }
    }

    @PostMapping("/api/Case00096")
    public ResponseEntity<String> handle(@RequestParam("name") String param) throws Exception {
        Map<String, Object> map = new HashMap<>();
        map.put("keyA", "jdoe");
        map.put("keyB", param);
        String bar = (String) map.get("keyB");
        try {
            Document document = loadUsers();
            XPath xpath = XPathFactory.newInstance().newXPath();
            Boolean active = (Boolean) xpath.evaluate(
                    "/users/user[@name='" + bar + "' and @active='true']", document, XPathConstants.BOOLEAN);
            return ResponseEntity.ok("active: " + active);
        } catch (ParserConfigurationException | SAXException | XPathExpressionException e) {
            throw new IllegalStateException(e);
        }
    }
}
