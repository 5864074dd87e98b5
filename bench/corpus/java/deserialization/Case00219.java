import java.beans.XMLDecoder;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00219 {

    @GetMapping("/api/Case00219")
    public ResponseEntity<String> handle(@RequestParam("prefs") String param) throws Exception {
        String bar = param.trim();
        try (XMLDecoder decoder = new XMLDecoder(new ByteArrayInputStream(bar.getBytes(StandardCharsets.UTF_8)))) {
            Object value = decoder.readObject();
            return ResponseEntity.ok("restored " + value.getClass().getSimpleName());
        }
    }
}
