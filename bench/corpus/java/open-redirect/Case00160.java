import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00160 {

    @GetMapping("/api/Case00160/{next}")
    public ResponseEntity<String> handle(@PathVariable("next") String param) throws Exception {
        String bar = normalize(param);
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(bar)).build();
    }

    private static String normalize(String value) {
        return value == null ? "" : value.trim().replaceAll("\\s+", " ");
    }
}
