import java.io.FileInputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00107 {

    private static final String BASE_DIR = "/srv/app/files";

    private static final Set<String> PUBLIC_FILES = Set.of("report.txt", "summary.txt");

    @GetMapping("/api/Case00107")
    public ResponseEntity<String> handle(@RequestHeader("X-File") String param) throws Exception {
        Map<String, Object> map = new HashMap<>();
        map.put("keyA", "report.txt");
        map.put("keyB", param);
        String bar = (String) map.get("keyB");
        if (!PUBLIC_FILES.contains(bar)) {
            return ResponseEntity.badRequest().body("invalid input");
        }
        try (FileInputStream in = new FileInputStream(BASE_DIR + "/" + bar)) {
            byte[] content = in.readAllBytes();
            return ResponseEntity.ok("read " + content.length + " bytes");
        }
    }
}
