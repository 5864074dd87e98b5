import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet("/api/Case00109")
public class Case00109 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final String BASE_DIR = "/srv/app/files";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String queryString = request.getQueryString();
        String paramKey = "file=";
        int start = queryString == null ? -1 : queryString.indexOf(paramKey);
        if (start < 0) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "invalid input");
            return;
        }
        String param = URLDecoder.decode(
                queryString.substring(start + paramKey.length()).split("&")[0],
                StandardCharsets.UTF_8);
        String bar = param;
        String content = Files.readString(Paths.get(BASE_DIR, bar));
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().println("read " + content.length() + " characters");
    }
}
