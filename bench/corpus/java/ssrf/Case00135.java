import java.io.InputStream;
import java.net.URL;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00135 {

    @GetMapping("/api/Case00135")
    public ResponseEntity<String> handle(@CookieValue("callback") String param) throws Exception {
        String bar = normalize(param);
        try (InputStream in = new URL(String.format("%s/notify", bar)).openStream()) {
            return ResponseEntity.ok("received " + in.readAllBytes().length + " bytes");
        }
    }

    private static String normalize(String value) {
        return value == null ? "" : value.trim().replaceAll("\\s+", " ");
    }
}
