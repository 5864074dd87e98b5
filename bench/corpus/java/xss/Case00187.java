import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet("/api/Case00187")
public class Case00187 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String queryString = request.getQueryString();
        String paramKey = "q=";
        int start = queryString == null ? -1 : queryString.indexOf(paramKey);
        if (start < 0) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "invalid input");
            return;
        }
        String param = URLDecoder.decode(
                queryString.substring(start + paramKey.length()).split("&")[0],
                StandardCharsets.UTF_8);
        String bar = param;
        bar = "shoes";
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().format("<p>Search results for <b>%s</b></p>", bar);
    }
}
