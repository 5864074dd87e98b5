import java.net.URI;
import java.util.Set;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestTemplate;

@RestController
public class Case00142 {

    private final RestTemplate restTemplate = new RestTemplate();

    private static final Set<String> ALLOWED_HOSTS = Set.of("status.example.com", "api.example.com");

    @PostMapping("/api/Case00142")
    public ResponseEntity<String> handle(@RequestBody String param) throws Exception {
        String bar = param.trim();
        URI target = URI.create(bar);
        if (!"https".equals(target.getScheme()) || !ALLOWED_HOSTS.contains(target.getHost())) {
            return ResponseEntity.badRequest().body("invalid input");
        }
        String body = restTemplate.getForObject(target, String.class);
        return ResponseEntity.ok("received " + (body == null ? 0 : body.length()) + " characters");
    }
}
