import java.io.IOException;
import java.util.Set;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

@WebServlet("/api/Case00243")
public class Case00243 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final Set<String> PREFERENCE_NAMES = Set.of("theme", "language", "pageSize");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = request.getHeader("X-Preference");
        String bar = param.trim();
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
