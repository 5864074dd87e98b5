import java.io.InputStream;
import java.net.URL;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00127 {

    @GetMapping("/api/Case00127/{callback}")
    public ResponseEntity<String> handle(@PathVariable("callback") String param) throws Exception {
        int num = 106;
        String bar = (7 * 18) + num > 200 ? "https://api.example.com/hooks" : param;
        try (InputStream in = new URL(String.format("%s/notify", bar)).openStream()) {
            return ResponseEntity.ok("received " + in.readAllBytes().length + " bytes");
        }
    }
}
