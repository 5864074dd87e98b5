import java.util.HashMap;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00192 {

    @PostMapping("/api/Case00192")
    public ResponseEntity<String> handle(@RequestParam("name") String param) throws Exception {
        Map<String, Object> map = new HashMap<>();
        map.put("keyA", "guest");
        map.put("keyB", param);
        String bar = (String) map.get("keyB");
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(String.format("<p>Welcome back, %s</p>", bar));
    }
}
