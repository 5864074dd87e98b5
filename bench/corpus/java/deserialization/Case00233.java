import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

@WebServlet("/api/Case00233")
public class Case00233 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String[] values = request.getParameterValues("prefs");
        String param = values == null ? "" : values[0];
        StringBuilder sb = new StringBuilder();
        sb.append(param);
        String bar = sb.toString();
        ObjectMapper mapper = new ObjectMapper();
        mapper.enableDefaultTyping();
        Object value = mapper.readValue(bar, Object.class);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().println("restored " + value.getClass().getSimpleName());
    }
}
