import java.io.StringReader;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00209 {

    @PostMapping("/api/Case00209")
    public ResponseEntity<String> handle(@RequestParam("xml") String param) throws Exception {
        StringBuilder sb = new StringBuilder();
        sb.append(param);
        String bar = sb.toString();
        try {
            XMLInputFactory factory = XMLInputFactory.newInstance();
            factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
            XMLStreamReader reader = factory.createXMLStreamReader(new StringReader(bar));
            int elements = 0;
            while (reader.hasNext()) {
                if (reader.next() == XMLStreamReader.START_ELEMENT) {
                    elements++;
                }
            }
            return ResponseEntity.ok("elements: " + elements);
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }
}
