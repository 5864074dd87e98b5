import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00032 {

    private final JdbcTemplate jdbcTemplate;

    public Case00032(JdbcTemplate jdbcTemplate) {
        this.jdbcTemplate = jdbcTemplate;
    }

    @GetMapping("/api/Case00032")
    public ResponseEntity<String> handle(@CookieValue("sort") String param) throws Exception {
        int num = 106;
        String bar = (7 * 18) + num > 200 ? "title" : param;
        List<Map<String, Object>> rows = jdbcTemplate.queryForList("SELECT id, title FROM articles ORDER BY " + bar);
        return ResponseEntity.ok("found " + rows.size());
    }
}
