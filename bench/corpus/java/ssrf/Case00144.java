import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00144 {

    private static final Set<String> ALLOWED_HOSTS = Set.of("status.example.com", "api.example.com");

    @PostMapping("/api/Case00144")
    public ResponseEntity<String> handle(@RequestParam("callback") String param) throws Exception {
        Map<String, Object> map = new HashMap<>();
        map.put("keyA", "https://api.example.com/hooks");
        map.put("keyB", param);
        String bar = (String) map.get("keyB");
        URI target = URI.create(bar);
        if (!"https".equals(target.getScheme()) || !ALLOWED_HOSTS.contains(target.getHost())) {
            return ResponseEntity.badRequest().body("invalid input");
        }
        try (InputStream in = new URL(String.format("%s/notify", target)).openStream()) {
            return ResponseEntity.ok("received " + in.readAllBytes().length + " bytes");
        }
    }
}
