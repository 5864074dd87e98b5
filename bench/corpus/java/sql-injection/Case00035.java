import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00035 {

    private static final String DB_URL = "jdbc:h2:mem:shop";

    @GetMapping("/api/Case00035")
    public ResponseEntity<String> handle(@RequestHeader("X-Name") String param) throws Exception {
        Map<String, Object> map = new HashMap<>();
        map.put("keyA", "widget");
        map.put("keyB", param);
        String bar = (String) map.get("keyB");
        String sql = "SELECT id, name, price FROM products WHERE name = ?";
        try (Connection connection = DriverManager.getConnection(DB_URL);
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, bar);
            ResultSet results = statement.executeQuery();
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
