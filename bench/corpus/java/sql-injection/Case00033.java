import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00033 {

    private final JdbcTemplate jdbcTemplate;

    public Case00033(JdbcTemplate jdbcTemplate) {
        this.jdbcTemplate = jdbcTemplate;
    }

    @PostMapping("/api/Case00033")
    public ResponseEntity<String> handle(@RequestBody String param) throws Exception {
        List<String> valuesList = new ArrayList<>();
        valuesList.add("safe");
        valuesList.add(param);
        valuesList.add("alice@example.com");
        valuesList.remove(0);
        String bar = valuesList.get(0);
        List<Map<String, Object>> rows = jdbcTemplate.queryForList(
                "SELECT id FROM customers WHERE email = '" + bar + "'");
        return ResponseEntity.ok("found " + rows.size());
    }
}
