import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00159 {

    @GetMapping("/api/Case00159/{next}")
    public ResponseEntity<String> handle(@PathVariable("next") String param) throws Exception {
        String bar = normalize(param);
        return ResponseEntity.status(HttpStatus.FOUND)
                .location(URI.create("/login?next=" + URLEncoder.encode(bar, StandardCharsets.UTF_8)))
                .build();
    }

    private static String normalize(String value) {
        return value == null ? "" : value.trim().replaceAll("\\s+", " ");
    }
}
