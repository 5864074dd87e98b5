import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00151 {

    @GetMapping("/api/Case00151")
    public ResponseEntity<String> handle(@CookieValue("next") String param) throws Exception {
        int num = 106;
        String bar = (7 * 18) + num > 200 ? "/orders" : param;
        HttpHeaders headers = new HttpHeaders();
        headers.add(HttpHeaders.LOCATION, bar);
        return new ResponseEntity<>(headers, HttpStatus.SEE_OTHER);
    }
}
