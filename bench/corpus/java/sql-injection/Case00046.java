import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet("/api/Case00046")
public class Case00046 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final String DB_URL = "jdbc:h2:mem:shop";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String[] values = request.getParameterMap().get("name");
        String param = values == null ? "" : values[0];
        String bar = param.trim();
        String sql = "SELECT id, name, price FROM products WHERE name = ?";
        try (Connection connection = DriverManager.getConnection(DB_URL);
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, bar);
            ResultSet results = statement.executeQuery();
            int count = 0;
            while (results.next()) {
                count++;
            }
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().println("found " + count);
        } catch (SQLException e) {
            throw new ServletException(e);
        }
    }
}
