import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet("/api/Case00137")
public class Case00137 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String[] values = request.getParameterValues("url");
        String param = values == null ? "" : values[0];
        StringBuilder sb = new StringBuilder();
        sb.append(param);
        String bar = sb.toString();
        HttpURLConnection connection = (HttpURLConnection) new URL(bar).openConnection();
        connection.setConnectTimeout(5000);
        int status = connection.getResponseCode();
        connection.disconnect();
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().println("upstream status " + status);
    }
}
