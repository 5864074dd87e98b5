import jakarta.servlet.http.HttpSession;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00261 {

    @PostMapping("/api/Case00261")
    public ResponseEntity<String> handle(@RequestBody String param, HttpSession session) throws Exception {
        String bar = param.trim();
        int cartId;
        try {
            cartId = Integer.parseInt(bar);
        } catch (NumberFormatException e) {
            return ResponseEntity.badRequest().body("invalid input");
        }
        session.setAttribute("cartId", cartId);
        return ResponseEntity.ok("saved");
    }
}
