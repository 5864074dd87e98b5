import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet("/api/Case00189")
public class Case00189 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String[] values = request.getParameterValues("page");
        String param = values == null ? "" : values[0];
        String bar = param.trim();
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().write("<a href=\"/items?page=" + bar + "\">Next page</a>");
    }
}
