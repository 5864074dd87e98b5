import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00240 {

    public record Preferences(String theme, String language) {}

    @PostMapping("/api/Case00240")
    public ResponseEntity<String> handle(@RequestParam("prefs") String param) throws Exception {
        Map<String, Object> map = new HashMap<>();
        map.put("keyA", "<java><string>dark</string></java>");
        map.put("keyB", param);
        String bar = (String) map.get("keyB");
        Preferences value = new XmlMapper().readValue(bar, Preferences.class);
        return ResponseEntity.ok("restored theme " + value.theme().length());
    }
}
