import java.util.ArrayList;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00016 {

    @GetMapping("/api/Case00016")
    public ResponseEntity<String> handle(@CookieValue("count") String param) throws Exception {
        String bar = normalize(param);
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

    private static String normalize(String value) {
        return value == null ? "" : value.trim().replaceAll("\\s+", " ");
    }
}
