import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00329 {

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

    @PostMapping("/api/Case00329")
    public ResponseEntity<String> handle(@RequestParam("user") String user) throws Exception {
        String token = Long.toString((long) (Math.random() * 1e18), 36);
        USERS.saveSession(token, user);
        return ResponseEntity.ok("sent");
    }
}
