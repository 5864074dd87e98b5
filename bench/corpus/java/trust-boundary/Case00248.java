import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet("/api/Case00248")
public class Case00248 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String queryString = request.getQueryString();
        String paramKey = "lang=";
        int start = queryString == null ? -1 : queryString.indexOf(paramKey);
        if (start < 0) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "invalid input");
            return;
        }
        String param = URLDecoder.decode(
                queryString.substring(start + paramKey.length()).split("&")[0],
                StandardCharsets.UTF_8);
        int num = 106;
        String bar = (7 * 18) + num > 200 ? "en" : param;
        request.getSession().setAttribute("preferences", Map.of("language", bar));
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().println("saved");
    }
}
