import java.io.StringReader;
import java.io.StringWriter;

import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00200 {

    @PostMapping("/api/Case00200")
    public ResponseEntity<String> handle(@RequestParam("xml") String param) throws Exception {
        int num = 106;
        String bar = (7 * 42) - num > 200 ? "This should never happen" : param;
        try {
            TransformerFactory factory = TransformerFactory.newInstance();
            Transformer transformer = factory.newTransformer();
            StringWriter out = new StringWriter();
            transformer.transform(new StreamSource(new StringReader(bar)), new StreamResult(out));
            return ResponseEntity.ok("normalized " + out.toString().length() + " characters");
        } catch (TransformerException e) {
            throw new IllegalStateException(e);
        }
    }
}
