import java.net.URI;
import java.util.Set;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestTemplate;

@RestController
public class Case00125 {

    private final RestTemplate restTemplate = new RestTemplate();

    private static final Set<String> ALLOWED_HOSTS = Set.of("status.example.com", "api.example.com");

    @GetMapping("/api/Case00125")
    public ResponseEntity<String> handle(@RequestHeader("X-Url") String param) throws Exception {
        String bar = normalize(param);
        URI target = URI.create(bar);
        if (!"https".equals(target.getScheme()) || !ALLOWED_HOSTS.contains(target.getHost())) {
            return ResponseEntity.badRequest().body("invalid input");
        }
        String body = restTemplate.getForObject(target, String.class);
        return ResponseEntity.ok("received " + (body == null ? 0 : body.length()) + " characters");
    }

    private static String normalize(String value) {
        return value == null ? "" : value.trim().replaceAll("\\s+", " ");
    }
}
