import java.io.InputStream;
import java.net.URL;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00128 {

    @GetMapping("/api/Case00128/{callback}")
    public ResponseEntity<String> handle(@PathVariable("callback") String param) throws Exception {
        int num = 106;
        String bar = (7 * 42) - num > 200 ? "This should never happen" : param;
        try (InputStream in = new URL(String.format("%s/notify", bar)).openStream()) {
            return ResponseEntity.ok("received " + in.readAllBytes().length + " bytes");
        }
    }
}
