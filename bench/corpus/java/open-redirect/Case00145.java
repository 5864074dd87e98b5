import java.io.IOException;
import java.util.Set;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet("/api/Case00145")
public class Case00145 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final Set<String> ALLOWED_PATHS = Set.of("/dashboard", "/account", "/orders");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = request.getParameter("next");
        String bar = param;
        if (!ALLOWED_PATHS.contains(bar)) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "invalid input");
            return;
        }
        response.sendRedirect(bar);
    }
}
