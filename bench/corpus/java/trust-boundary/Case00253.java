import jakarta.servlet.http.HttpSession;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00253 {

    @GetMapping("/api/Case00253")
    public ResponseEntity<String> handle(@RequestParam("cart") String param, HttpSession session) throws Exception {
        String bar = param;
        session.setAttribute("cartId", bar);
        return ResponseEntity.ok("saved");
    }
}
