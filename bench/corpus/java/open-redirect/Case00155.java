import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet("/api/Case00155")
public class Case00155 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String[] values = request.getParameterMap().get("next");
        String param = values == null ? "" : values[0];
        Map<String, Object> map = new HashMap<>();
        map.put("keyA", "/dashboard");
        map.put("keyB", param);
        String bar = (String) map.get("keyB");
        response.sendRedirect(bar);
    }
}
