import com.thoughtworks.xstream.XStream;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00235 {

    @PostMapping("/api/Case00235")
    public ResponseEntity<String> handle(@RequestBody String param) throws Exception {
        String bar = param;
        bar = "<string>dark</string>";
        XStream xstream = new XStream();
        Object value = xstream.fromXML(bar);
        return ResponseEntity.ok("restored " + value.getClass().getSimpleName());
    }
}
