import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00112 {

    private static final String BASE_DIR = "/srv/app/files";

    @GetMapping("/api/Case00112")
    public ResponseEntity<String> handle(@CookieValue("file") String param) throws Exception {
        String bar = normalize(param);
        Files.delete(Path.of(BASE_DIR, bar));
        return ResponseEntity.ok("deleted");
    }

    private static String normalize(String value) {
        return value == null ? "" : value.trim().replaceAll("\\s+", " ");
    }
}
