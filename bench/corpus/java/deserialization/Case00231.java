import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.yaml.snakeyaml.Yaml;

@RestController
public class Case00231 {

    @GetMapping("/api/Case00231")
    public ResponseEntity<String> handle(@CookieValue("settings") String param) throws Exception {
        String bar = normalize(param);
        Object settings = new Yaml().load(bar);
        return ResponseEntity.ok("loaded " + (settings == null ? "nothing" : settings.getClass().getSimpleName()));
    }

    private static String normalize(String value) {
        return value == null ? "" : value.trim().replaceAll("\\s+", " ");
    }
}
