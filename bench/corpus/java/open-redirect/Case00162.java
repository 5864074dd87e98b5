import java.util.Set;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00162 {

    private static final Set<String> ALLOWED_PATHS = Set.of("/dashboard", "/account", "/orders");

    @GetMapping("/api/Case00162")
    public ResponseEntity<String> handle(@RequestHeader("X-Next") String param) throws Exception {
        StringBuilder sb = new StringBuilder();
        sb.append(param);
        String bar = sb.toString();
        if (!ALLOWED_PATHS.contains(bar)) {
            return ResponseEntity.badRequest().body("invalid input");
        }
        HttpHeaders headers = new HttpHeaders();
        headers.add(HttpHeaders.LOCATION, bar);
        return new ResponseEntity<>(headers, HttpStatus.SEE_OTHER);
    }
}
