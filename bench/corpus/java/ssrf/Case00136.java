import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.util.Set;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00136 {

    private static final Set<String> ALLOWED_HOSTS = Set.of("status.example.com", "api.example.com");

    @GetMapping("/api/Case00136")
    public ResponseEntity<String> handle(@CookieValue("callback") String param) throws Exception {
        String bar = normalize(param);
        URI target = URI.create(bar);
        if (!"https".equals(target.getScheme()) || !ALLOWED_HOSTS.contains(target.getHost())) {
            return ResponseEntity.badRequest().body("invalid input");
        }
        try (InputStream in = new URL(String.format("%s/notify", target)).openStream()) {
            return ResponseEntity.ok("received " + in.readAllBytes().length + " bytes");
        }
    }

    private static String normalize(String value) {
        return value == null ? "" : value.trim().replaceAll("\\s+", " ");
    }
}
