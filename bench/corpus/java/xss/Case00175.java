import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00175 {

    @GetMapping("/api/Case00175/{name}")
    public ResponseEntity<String> handle(@PathVariable("name") String param) throws Exception {
        int num = 106;
        String bar = (7 * 42) - num > 200 ? "This should never happen" : param;
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(String.format("<p>Welcome back, %s</p>", bar));
    }
}
