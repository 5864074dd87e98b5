import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet("/api/Case00263")
public class Case00263 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final Set<String> LANGUAGES = Set.of("en", "de", "fr", "es");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String[] values = request.getParameterMap().get("lang");
        String param = values == null ? "" : values[0];
        Map<String, Object> map = new HashMap<>();
        map.put("keyA", "en");
        map.put("keyB", param);
        String bar = (String) map.get("keyB");
        if (!LANGUAGES.contains(bar)) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "invalid input");
            return;
        }
        request.getSession().setAttribute("preferences", Map.of("language", bar));
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().println("saved");
    }
}
