import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00311 {

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

    @PostMapping("/api/Case00311")
    public ResponseEntity<String> handle(@RequestParam("username") String username, @RequestParam("password") String password) throws Exception {
        if (!new BCryptPasswordEncoder().matches(password, USERS.findHash(username))) {
            return ResponseEntity.badRequest().body("invalid input");
        }
        return ResponseEntity.ok("welcome");
    }
}
