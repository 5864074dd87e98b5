import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
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

@WebServlet("/api/Case00037")
public class Case00037 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final String DB_URL = "jdbc:h2:mem:shop";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String queryString = request.getQueryString();
        String paramKey = "name=";
        int start = queryString == null ? -1 : queryString.indexOf(paramKey);
        if (start < 0) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "invalid input");
            return;
        }
        String param = URLDecoder.decode(
                queryString.substring(start + paramKey.length()).split("&")[0],
                StandardCharsets.UTF_8);
        String bar = "alice";
        try (Connection connection = DriverManager.getConnection(DB_URL);
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT email FROM users WHERE username = '" + bar + "'");
                ResultSet results = statement.executeQuery()) {
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
