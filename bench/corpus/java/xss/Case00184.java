import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

@RestController
public class Case00184 {

    @GetMapping("/api/Case00184")
    public ResponseEntity<String> handle(@CookieValue("name") String param) throws Exception {
        String bar = normalize(param);
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(String.format("<p>Welcome back, %s</p>", HtmlUtils.htmlEscape(bar)));
    }

    private static String normalize(String value) {
        return value == null ? "" : value.trim().replaceAll("\\s+", " ");
    }
}
