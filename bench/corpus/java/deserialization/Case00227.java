import java.io.ByteArrayInputStream;
import java.io.ObjectInputStream;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00227 {

    @GetMapping("/api/Case00227")
    public ResponseEntity<String> handle(@RequestHeader("X-Data") String param) throws Exception {
        Map<String, Object> map = new HashMap<>();
        map.put("keyA", "rO0ABXQABWhlbGxv");
        map.put("keyB", param);
        String bar = (String) map.get("keyB");
        byte[] bytes = Base64.getDecoder().decode(bar);
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            Object value = in.readObject();
            return ResponseEntity.ok("restored " + value.getClass().getSimpleName());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
