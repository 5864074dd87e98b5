import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00023 {

    @PostMapping("/api/Case00023")
    public ResponseEntity<String> handle(@RequestParam("count") String param) throws Exception {
        Map<String, Object> map = new HashMap<>();
        map.put("keyA", "3");
        map.put("keyB", param);
        String bar = (String) map.get("keyB");
        int count;
        try {
            count = Integer.parseInt(bar);
        } catch (NumberFormatException e) {
            return ResponseEntity.badRequest().body("invalid input");
        }
        List<String> command = new ArrayList<>();
        command.add("sh");
        command.add("-c");
        command.add("ping -c " + count + " 127.0.0.1");
        Process process = new ProcessBuilder(command).start();
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
