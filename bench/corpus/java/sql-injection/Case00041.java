import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00041 {

    private final JdbcTemplate jdbcTemplate;

    public Case00041(JdbcTemplate jdbcTemplate) {
        this.jdbcTemplate = jdbcTemplate;
    }

    private static final Set<String> SORT_COLUMNS = Set.of("title", "created_at", "author");

    @GetMapping("/api/Case00041")
    public ResponseEntity<String> handle(@RequestHeader("X-Sort") String param) throws Exception {
        StringBuilder sb = new StringBuilder();
        sb.append(param);
        String bar = sb.toString();
        if (!SORT_COLUMNS.contains(bar)) {
            return ResponseEntity.badRequest().body("invalid input");
        }
        List<Map<String, Object>> rows = jdbcTemplate.queryForList("SELECT id, title FROM articles ORDER BY " + bar);
        return ResponseEntity.ok("found " + rows.size());
    }
}
