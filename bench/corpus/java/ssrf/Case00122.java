import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.Set;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet("/api/Case00122")
public class Case00122 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final Set<String> ALLOWED_HOSTS = Set.of("status.example.com", "api.example.com");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = request.getParameter("url");
        String bar = param;
        URI target = URI.create(bar);
        if (!"https".equals(target.getScheme()) || !ALLOWED_HOSTS.contains(target.getHost())) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "invalid input");
            return;
        }
        HttpURLConnection connection = (HttpURLConnection) target.toURL().openConnection();
        connection.setConnectTimeout(5000);
        int status = connection.getResponseCode();
        connection.disconnect();
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().println("upstream status " + status);
    }
}
