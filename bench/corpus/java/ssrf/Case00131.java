import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00131 {

    private static final Map<String, String> SERVICES =
            Map.of("inventory", "inventory.internal", "pricing", "pricing.internal");

    @GetMapping("/api/Case00131")
    public ResponseEntity<String> handle(@RequestHeader("X-Host") String param) throws Exception {
        Map<String, Object> map = new HashMap<>();
        map.put("keyA", "inventory.internal");
        map.put("keyB", param);
        String bar = (String) map.get("keyB");
        String host = SERVICES.get(bar);
        if (host == null) {
            return ResponseEntity.badRequest().body("invalid input");
        }
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest upstream = HttpRequest.newBuilder(URI.create("http://" + host + "/api/stock")).build();
        try {
            HttpResponse<String> reply = client.send(upstream, HttpResponse.BodyHandlers.ofString());
            return ResponseEntity.ok("upstream status " + reply.statusCode());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
