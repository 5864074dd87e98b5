import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00104 {

    private static final String BASE_DIR = "/srv/app/files";

    @GetMapping("/api/Case00104/{file}")
    public ResponseEntity<String> handle(@PathVariable("file") String param) throws Exception {
        int num = 106;
        String bar = (7 * 18) + num > 200 ? "old-report.txt" : param;
        Files.delete(Path.of(BASE_DIR, bar));
        return ResponseEntity.ok("deleted");
    }
}
