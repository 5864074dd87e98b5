import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00042 {

    private final JdbcTemplate jdbcTemplate;

    public Case00042(JdbcTemplate jdbcTemplate) {
        this.jdbcTemplate = jdbcTemplate;
    }

    @GetMapping("/api/Case00042")
    public ResponseEntity<String> handle(@RequestHeader("X-Sort") String param) throws Exception {
        StringBuilder sb = new StringBuilder();
        sb.append(param);
        String bar = sb.toString();
        List<Map<String, Object>> rows = jdbcTemplate.queryForList("SELECT id, title FROM articles ORDER BY " + bar);
        return ResponseEntity.ok("found " + rows.size());
    }
}
