import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00220 {

    public record Preferences(String theme, String language) {}

    @GetMapping("/api/Case00220")
    public ResponseEntity<String> handle(@RequestParam("prefs") String param) throws Exception {
        String bar = param.trim();
        Preferences value = new XmlMapper().readValue(bar, Preferences.class);
        return ResponseEntity.ok("restored theme " + value.theme().length());
    }
}
