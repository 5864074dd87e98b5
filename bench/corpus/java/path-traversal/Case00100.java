import java.io.FileInputStream;

import org.apache.commons.io.FilenameUtils;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00100 {

    private static final String BASE_DIR = "/srv/app/files";

    @GetMapping("/api/Case00100")
    public ResponseEntity<String> handle(@RequestParam("file") String param) throws Exception {
        String bar = param.trim();
        try (FileInputStream in = new FileInputStream(BASE_DIR + "/" + FilenameUtils.getName(bar))) {
            byte[] content = in.readAllBytes();
            return ResponseEntity.ok("read " + content.length + " bytes");
        }
    }
}
