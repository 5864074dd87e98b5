import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet("/api/Case00121")
public class Case00121 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = request.getParameter("url");
        String bar = param;
        HttpURLConnection connection = (HttpURLConnection) new URL(bar).openConnection();
        connection.setConnectTimeout(5000);
        int status = connection.getResponseCode();
        connection.disconnect();
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().println("upstream status " + status);
    }
}
