import jakarta.servlet.http.HttpSession;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00262 {

    @PostMapping("/api/Case00262")
    public ResponseEntity<String> handle(@RequestBody String param, HttpSession session) throws Exception {
        String bar = param.trim();
        session.setAttribute("cartId", bar);
        return ResponseEntity.ok("saved");
    }
}
