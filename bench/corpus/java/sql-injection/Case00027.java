import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00027 {

    private static final String DB_URL = "jdbc:h2:mem:shop";

    @GetMapping("/api/Case00027")
    public ResponseEntity<String> handle(@RequestParam("name") String param) throws Exception {
        String bar = param.trim();
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
