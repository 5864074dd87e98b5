import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00139 {

    @PostMapping("/api/Case00139")
    public ResponseEntity<String> handle(@RequestBody String param) throws Exception {
        String bar = param;
        bar = "inventory.internal";
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest upstream = HttpRequest.newBuilder(URI.create("http://" + bar + "/api/stock")).build();
        try {
            HttpResponse<String> reply = client.send(upstream, HttpResponse.BodyHandlers.ofString());
            return ResponseEntity.ok("upstream status " + reply.statusCode());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
