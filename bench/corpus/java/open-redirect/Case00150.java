import java.net.URI;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00150 {

    private static final Set<String> ALLOWED_PATHS = Set.of("/dashboard", "/account", "/orders");

    @GetMapping("/api/Case00150")
    public ResponseEntity<String> handle(@RequestHeader("X-Next") String param) throws Exception {
        String bar = normalize(param);
        if (!ALLOWED_PATHS.contains(bar)) {
            return ResponseEntity.badRequest().body("invalid input");
        }
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(bar)).build();
    }

    private static String normalize(String value) {
        return value == null ? "" : value.trim().replaceAll("\\s+", " ");
    }
}
