import java.io.IOException;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet("/api/Case00255")
public class Case00255 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final Set<String> LANGUAGES = Set.of("en", "de", "fr", "es");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = request.getHeader("X-Lang");
        String bar = normalize(param);
        if (!LANGUAGES.contains(bar)) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "invalid input");
            return;
        }
        request.getSession().setAttribute("preferences", Map.of("language", bar));
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().println("saved");
    }

    private static String normalize(String value) {
        return value == null ? "" : value.trim().replaceAll("\\s+", " ");
    }
}
