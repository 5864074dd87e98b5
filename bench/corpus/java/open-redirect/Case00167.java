import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet("/api/Case00167")
public class Case00167 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final Set<String> ALLOWED_PATHS = Set.of("/dashboard", "/account", "/orders");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String[] values = request.getParameterMap().get("next");
        String param = values == null ? "" : values[0];
        Map<String, Object> map = new HashMap<>();
        map.put("keyA", "/orders");
        map.put("keyB", param);
        String bar = (String) map.get("keyB");
        if (!ALLOWED_PATHS.contains(bar)) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "invalid input");
            return;
        }
        response.setStatus(HttpServletResponse.SC_FOUND);
        response.setHeader("Location", bar);
    }
}
