import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00024 {

    @PostMapping("/api/Case00024")
    public ResponseEntity<String> handle(@RequestParam("count") String param) throws Exception {
        Map<String, Object> map = new HashMap<>();
        map.put("keyA", "3");
        map.put("keyB", param);
        String bar = (String) map.get("keyB");
        List<String> command = new ArrayList<>();
        command.add("sh");
        command.add("-c");
        command.add("ping -c " + bar + " 127.0.0.1");
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
