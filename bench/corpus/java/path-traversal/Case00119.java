import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00119 {

    private static final String BASE_DIR = "/srv/app/files";

    @PostMapping("/api/Case00119")
    public ResponseEntity<String> handle(@RequestParam("file") String param) throws Exception {
        Map<String, Object> map = new HashMap<>();
        map.put("keyA", "old-report.txt");
        map.put("keyB", param);
        String bar = (String) map.get("keyB");
        Path base = Paths.get(BASE_DIR).toAbsolutePath().normalize();
        Path target = base.resolve(bar).normalize();
        if (!target.startsWith(base) || target.equals(base)) {
            return ResponseEntity.badRequest().body("invalid input");
        }
        Files.delete(target);
        return ResponseEntity.ok("deleted");
    }
}
