import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestTemplate;

@RestController
public class Case00134 {

    private final RestTemplate restTemplate = new RestTemplate();

    @GetMapping("/api/Case00134")
    public ResponseEntity<String> handle(@RequestParam("url") String param) throws Exception {
        String bar = param;
        String body = restTemplate.getForObject(bar, String.class);
        return ResponseEntity.ok("received " + (body == null ? 0 : body.length()) + " characters");
    }
}
