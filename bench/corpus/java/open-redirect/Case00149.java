import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00149 {

    @GetMapping("/api/Case00149")
    public ResponseEntity<String> handle(@RequestHeader("X-Next") String param) throws Exception {
        String bar = normalize(param);
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(bar)).build();
    }

    private static String normalize(String value) {
        return value == null ? "" : value.trim().replaceAll("\\s+", " ");
    }
}
