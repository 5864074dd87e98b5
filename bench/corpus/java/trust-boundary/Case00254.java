import jakarta.servlet.http.HttpSession;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00254 {

    @GetMapping("/api/Case00254")
    public ResponseEntity<String> handle(@RequestParam("cart") String param, HttpSession session) throws Exception {
        String bar = "1001";
        session.setAttribute("cartId", bar);
        return ResponseEntity.ok("saved");
    }
}
