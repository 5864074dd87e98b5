import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00039 {

    private static final String DB_URL = "jdbc:h2:mem:shop";

    @GetMapping("/api/Case00039")
    public ResponseEntity<String> handle(@CookieValue("user") String param) throws Exception {
        String bar = normalize(param);
        try (Connection connection = DriverManager.getConnection(DB_URL);
                Statement statement = connection.createStatement()) {
            int deleted = statement.executeUpdate(String.format("DELETE FROM sessions WHERE user_id = %s", bar));
            return ResponseEntity.ok("deleted " + deleted);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String normalize(String value) {
        return value == null ? "" : value.trim().replaceAll("\\s+", " ");
    }
}
