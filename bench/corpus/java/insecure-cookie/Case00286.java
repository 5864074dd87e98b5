import java.util.UUID;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00286 {

    /** Stands for the application's user and session store. */
    private static final class UserStore {
        boolean authenticate(String username, String password) {
            return username != null && password != null && !password.isEmpty();
        }

        void saveSession(String token, String username) {
        }

        void create(String username, String hash) {
        }

        String findHash(String username) {
            return "";
        }
    }

    private static final UserStore USERS = new UserStore();

    @PostMapping("/api/Case00286")
    public ResponseEntity<String> handle(@RequestParam("username") String username, @RequestParam("password") String password, HttpServletResponse response) throws Exception {
        if (!USERS.authenticate(username, password)) {
            return ResponseEntity.badRequest().body("invalid input");
        }
        String token = UUID.randomUUID().toString();
        USERS.saveSession(token, username);
        Cookie cookie = new Cookie("SESSIONID", token);
        cookie.setPath("/");
        cookie.setSecure(true);
        cookie.setHttpOnly(true);
        cookie.setAttribute("SameSite", "Strict");
        response.addCookie(cookie);
        return ResponseEntity.ok("welcome");
    }
}
