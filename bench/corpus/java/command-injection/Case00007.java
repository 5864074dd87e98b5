import java.util.ArrayList;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00007 {

    @GetMapping("/api/Case00007/{count}")
    public ResponseEntity<String> handle(@PathVariable("count") String param) throws Exception {
        int num = 106;
        String bar = (7 * 18) + num > 200 ? "3" : param;
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
