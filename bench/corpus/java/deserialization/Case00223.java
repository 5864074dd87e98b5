import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00223 {

    @GetMapping("/api/Case00223/{prefs}")
    public ResponseEntity<String> handle(@PathVariable("prefs") String param) throws Exception {
        int num = 106;
        String bar = (7 * 18) + num > 200 ? "[\"java.util.HashMap\",{\"theme\":\"dark\"}]" : param;
        ObjectMapper mapper = new ObjectMapper();
        mapper.enableDefaultTyping();
        Object value = mapper.readValue(bar, Object.class);
        return ResponseEntity.ok("restored " + value.getClass().getSimpleName());
    }
}
