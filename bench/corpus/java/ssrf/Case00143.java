import java.io.InputStream;
import java.net.URL;
import java.util.HashMap;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00143 {

    @PostMapping("/api/Case00143")
    public ResponseEntity<String> handle(@RequestParam("callback") String param) throws Exception {
        Map<String, Object> map = new HashMap<>();
        map.put("keyA", "https://api.example.com/hooks");
        map.put("keyB", param);
        String bar = (String) map.get("keyB");
        try (InputStream in = new URL(String.format("%s/notify", bar)).openStream()) {
            return ResponseEntity.ok("received " + in.readAllBytes().length + " bytes");
        }
    }
}
