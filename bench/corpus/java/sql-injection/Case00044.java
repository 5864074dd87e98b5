import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00044 {

    private final JdbcTemplate jdbcTemplate;

    public Case00044(JdbcTemplate jdbcTemplate) {
        this.jdbcTemplate = jdbcTemplate;
    }

    @GetMapping("/api/Case00044")
    public ResponseEntity<String> handle(@CookieValue("email") String param) throws Exception {
        String bar = "alice@example.com";
        bar = param;
        List<Map<String, Object>> rows = jdbcTemplate.queryForList(
                "SELECT id FROM customers WHERE email = '" + bar + "'");
        return ResponseEntity.ok("found " + rows.size());
    }
}
