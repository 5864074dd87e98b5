import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00280 {

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

    @PostMapping("/api/Case00280")
    public ResponseEntity<String> handle(@RequestParam("username") String username, @RequestParam("password") String password) throws Exception {
        if (!USERS.authenticate(username, password)) {
            return ResponseEntity.badRequest().body("invalid input");
        }
        String token = UUID.randomUUID().toString();
        USERS.saveSession(token, username);
        ResponseCookie cookie = ResponseCookie.from("SESSION", token)
                .path("/")
                .secure(true)
                .httpOnly(true)
                .sameSite("Strict")
                .build();
        return ResponseEntity.ok().header(HttpHeaders.SET_COOKIE, cookie.toString()).body("welcome");
    }
}
