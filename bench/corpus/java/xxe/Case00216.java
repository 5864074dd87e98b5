import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;

import org.dom4j.DocumentException;
import org.dom4j.io.SAXReader;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.w3c.dom.Document;

@RestController
public class Case00216 {

    @PostMapping("/api/Case00216")
    public ResponseEntity<String> handle(@RequestBody String param) throws Exception {
        Map<String, Object> map = new HashMap<>();
        map.put("keyA", "<order><item>book</item><item>pen</item></order>");
        map.put("keyB", param);
        String bar = (String) map.get("keyB");
        try {
            SAXReader reader = new SAXReader();
            org.dom4j.Document document = reader.read(new StringReader(bar));
            return ResponseEntity.ok("items: " + document.getRootElement().elements("item").size());
        } catch (DocumentException e) {
            throw new IllegalStateException(e);
        }
    }
}
