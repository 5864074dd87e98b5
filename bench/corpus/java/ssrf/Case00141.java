import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestTemplate;

@RestController
public class Case00141 {

    private final RestTemplate restTemplate = new RestTemplate();

    @PostMapping("/api/Case00141")
    public ResponseEntity<String> handle(@RequestBody String param) throws Exception {
        String bar = param.trim();
        String body = restTemplate.getForObject(bar, String.class);
        return ResponseEntity.ok("received " + (body == null ? 0 : body.length()) + " characters");
    }
}
