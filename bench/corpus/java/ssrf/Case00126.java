import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestTemplate;

@RestController
public class Case00126 {

    private final RestTemplate restTemplate = new RestTemplate();

    @GetMapping("/api/Case00126")
    public ResponseEntity<String> handle(@RequestHeader("X-Url") String param) throws Exception {
        String bar = normalize(param);
        String body = restTemplate.getForObject(bar, String.class);
        return ResponseEntity.ok("received " + (body == null ? 0 : body.length()) + " characters");
    }

    private static String normalize(String value) {
        return value == null ? "" : value.trim().replaceAll("\\s+", " ");
    }
}
