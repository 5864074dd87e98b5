import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00111 {

    private static final String BASE_DIR = "/srv/app/files";

    private static final Set<String> REMOVABLE_FILES = Set.of("old-report.txt", "draft.txt");

    @GetMapping("/api/Case00111")
    public ResponseEntity<String> handle(@CookieValue("file") String param) throws Exception {
        String bar = normalize(param);
        if (!REMOVABLE_FILES.contains(bar)) {
            return ResponseEntity.badRequest().body("invalid input");
        }
        Files.delete(Path.of(BASE_DIR, bar));
        return ResponseEntity.ok("deleted");
    }

    private static String normalize(String value) {
        return value == null ? "" : value.trim().replaceAll("\\s+", " ");
    }
}
