import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00161 {

    @GetMapping("/api/Case00161")
    public ResponseEntity<String> handle(@RequestHeader("X-Next") String param) throws Exception {
        StringBuilder sb = new StringBuilder();
        sb.append(param);
        String bar = sb.toString();
        HttpHeaders headers = new HttpHeaders();
        headers.add(HttpHeaders.LOCATION, bar);
        return new ResponseEntity<>(headers, HttpStatus.SEE_OTHER);
    }
}
