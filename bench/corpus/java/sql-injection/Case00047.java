import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00047 {

    private static final String DB_URL = "jdbc:h2:mem:shop";

    @PostMapping("/api/Case00047")
    public ResponseEntity<String> handle(@RequestParam("name") String param) throws Exception {
        Map<String, Object> map = new HashMap<>();
        map.put("keyA", "alice");
        map.put("keyB", param);
        String bar = (String) map.get("keyB");
        try (Connection connection = DriverManager.getConnection(DB_URL);
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT email FROM users WHERE username = '" + bar + "'");
                ResultSet results = statement.executeQuery()) {
            int count = 0;
            while (results.next()) {
                count++;
            }
            return ResponseEntity.ok("found " + count);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
