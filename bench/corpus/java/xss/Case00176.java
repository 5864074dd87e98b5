import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00176 {

    @GetMapping("/api/Case00176/{name}")
    public ResponseEntity<String> handle(@PathVariable("name") String param) throws Exception {
        int num = 106;
        String bar = (7 * 18) + num > 200 ? "guest" : param;
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(String.format("<p>Welcome back, %s</p>", bar));
    }
}
