import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

@WebServlet("/api/Case00252")
public class Case00252 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final Set<String> PREFERENCE_NAMES = Set.of("theme", "language", "pageSize");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String[] values = request.getParameterMap().get("preference");
        String param = values == null ? "" : values[0];
        Map<String, Object> map = new HashMap<>();
        map.put("keyA", "theme");
        map.put("keyB", param);
        String bar = (String) map.get("keyB");
        if (!PREFERENCE_NAMES.contains(bar)) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "invalid input");
            return;
        }
        HttpSession session = request.getSession();
        session.setAttribute(bar, "10340");
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().println("saved");
    }
}
