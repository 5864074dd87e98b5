import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00152 {

    @GetMapping("/api/Case00152")
    public ResponseEntity<String> handle(@CookieValue("next") String param) throws Exception {
        int num = 106;
        String bar = (7 * 42) - num > 200 ? "This should never happen" : param;
        HttpHeaders headers = new HttpHeaders();
        headers.add(HttpHeaders.LOCATION, bar);
        return new ResponseEntity<>(headers, HttpStatus.SEE_OTHER);
    }
}
