import java.io.IOException;
import java.util.Set;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet("/api/Case00165")
public class Case00165 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final Set<String> ALLOWED_PATHS = Set.of("/dashboard", "/account", "/orders");

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String[] values = request.getParameterValues("next");
        String param = values == null ? "" : values[0];
        String bar = param.trim();
        if (!ALLOWED_PATHS.contains(bar)) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "invalid input");
            return;
        }
        response.sendRedirect(bar);
    }
}
