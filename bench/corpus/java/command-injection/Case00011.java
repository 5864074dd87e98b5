import java.util.HashMap;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00011 {

    @GetMapping("/api/Case00011")
    public ResponseEntity<String> handle(@RequestHeader("X-Host") String param) throws Exception {
        Map<String, Object> map = new HashMap<>();
        map.put("keyA", "example.com");
        map.put("keyB", param);
        String bar = (String) map.get("keyB");
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
