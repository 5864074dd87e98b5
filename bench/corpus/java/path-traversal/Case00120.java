import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00120 {

    private static final String BASE_DIR = "/srv/app/files";

    @PostMapping("/api/Case00120")
    public ResponseEntity<String> handle(@RequestParam("file") String param) throws Exception {
        Map<String, Object> map = new HashMap<>();
        map.put("keyA", "old-report.txt");
        map.put("keyB", param);
        String bar = (String) map.get("keyB");
        Files.delete(Path.of(BASE_DIR, bar));
        return ResponseEntity.ok("deleted");
    }
}
