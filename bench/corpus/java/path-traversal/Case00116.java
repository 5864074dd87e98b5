import java.io.FileInputStream;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00116 {

    private static final String BASE_DIR = "/srv/app/files";

    @PostMapping("/api/Case00116")
    public ResponseEntity<String> handle(@RequestBody String param) throws Exception {
        String bar = param;
        bar = "report.txt";
        try (FileInputStream in = new FileInputStream(BASE_DIR + "/" + bar)) {
            byte[] content = in.readAllBytes();
            return ResponseEntity.ok("read " + content.length + " bytes");
        }
    }
}
