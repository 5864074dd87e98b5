import jakarta.servlet.http.HttpSession;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00246 {

    @GetMapping("/api/Case00246")
    public ResponseEntity<String> handle(@RequestHeader("X-Cart") String param, HttpSession session) throws Exception {
        String bar = normalize(param);
        int cartId;
        try {
            cartId = Integer.parseInt(bar);
        } catch (NumberFormatException e) {
            return ResponseEntity.badRequest().body("invalid input");
        }
        session.setAttribute("cartId", cartId);
        return ResponseEntity.ok("saved");
    }

    private static String normalize(String value) {
        return value == null ? "" : value.trim().replaceAll("\\s+", " ");
    }
}
