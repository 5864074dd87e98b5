import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00019 {

    @PostMapping("/api/Case00019")
    public ResponseEntity<String> handle(@RequestBody String param) throws Exception {
        String bar = "example.com";
        bar = param;
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
