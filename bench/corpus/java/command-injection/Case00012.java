import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00012 {

    private static final Pattern HOST = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9.-]{0,252}$");

    @GetMapping("/api/Case00012")
    public ResponseEntity<String> handle(@RequestHeader("X-Host") String param) throws Exception {
        Map<String, Object> map = new HashMap<>();
        map.put("keyA", "example.com");
        map.put("keyB", param);
        String bar = (String) map.get("keyB");
        if (!HOST.matcher(bar).matches()) {
            return ResponseEntity.badRequest().body("invalid input");
        }
        String[] command = {"sh", "-c", "nslookup " + bar};
        Process process = Runtime.getRuntime().exec(command);
        int exitCode;
        try {
            exitCode = process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return ResponseEntity.ok("exit code " + exitCode);
    }
}
