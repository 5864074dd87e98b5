import java.beans.XMLDecoder;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00239 {

    @PostMapping("/api/Case00239")
    public ResponseEntity<String> handle(@RequestParam("prefs") String param) throws Exception {
        Map<String, Object> map = new HashMap<>();
        map.put("keyA", "<java><string>dark</string></java>");
        map.put("keyB", param);
        String bar = (String) map.get("keyB");
        try (XMLDecoder decoder = new XMLDecoder(new ByteArrayInputStream(bar.getBytes(StandardCharsets.UTF_8)))) {
            Object value = decoder.readObject();
            return ResponseEntity.ok("restored " + value.getClass().getSimpleName());
        }
    }
}
