import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

@RestController
public class Case00075 {

    private static Document loadUsers()
            throws ParserConfigurationException, SAXException, IOException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try (InputStream in = Case00075.class.getResourceAsStream("/users.xml")) {
            return factory.newDocumentBuilder().parse(in);
        }
    }

    private static final Set<String> ROLES = Set.of("viewer", "editor", "admin");

    @GetMapping("/api/Case00075")
    public ResponseEntity<String> handle(@RequestParam("role") String param) throws Exception {
        String bar = param.trim();
        if (!ROLES.contains(bar)) {
            return ResponseEntity.badRequest().body("invalid input");
        }
        try {
            Document document = loadUsers();
            XPath xpath = XPathFactory.newInstance().newXPath();
            NodeList users = (NodeList) xpath.compile(String.format("/users/user[@role='%s']", bar))
                    .evaluate(document, XPathConstants.NODESET);
            return ResponseEntity.ok("found " + users.getLength());
        } catch (ParserConfigurationException | SAXException | XPathExpressionException e) {
            throw new IllegalStateException(e);
        }
    }
}
