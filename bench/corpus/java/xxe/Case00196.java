import java.io.StringReader;

import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

@RestController
public class Case00196 {

    private static final class ElementCounter extends DefaultHandler {
        private int count;

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            count++;
        }
    }

    @PostMapping("/api/Case00196")
    public ResponseEntity<String> handle(@RequestBody String param) throws Exception {
        String bar = param.trim();
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            SAXParser parser = factory.newSAXParser();
            ElementCounter counter = new ElementCounter();
            parser.parse(new InputSource(new StringReader(bar)), counter);
            return ResponseEntity.ok("elements: " + counter.count);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException(e);
        }
    }
}
