import jakarta.servlet.http.HttpSession;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00245 {

    @GetMapping("/api/Case00245")
    public ResponseEntity<String> handle(@RequestHeader("X-Cart") String param, HttpSession session) throws Exception {
        String bar = normalize(param);
        session.setAttribute("cartId", bar);
        return ResponseEntity.ok("saved");
    }

    private static String normalize(String value) {
        return value == null ? "" : value.trim().replaceAll("\\s+", " ");
    }
}
