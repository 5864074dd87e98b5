import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet("/api/Case00156")
public class Case00156 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final Map<String, String> DESTINATIONS =
            Map.of("orders", "/orders", "account", "/account");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String[] values = request.getParameterMap().get("next");
        String param = values == null ? "" : values[0];
        Map<String, Object> map = new HashMap<>();
        map.put("keyA", "/dashboard");
        map.put("keyB", param);
        String bar = (String) map.get("keyB");
        response.sendRedirect(DESTINATIONS.getOrDefault(bar, "/"));
    }
}
