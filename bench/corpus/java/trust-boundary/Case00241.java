import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet("/api/Case00241")
public class Case00241 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = request.getParameter("user");
        String bar = param;
        if (!bar.matches("^[A-Za-z0-9_]{3,32}$")) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "invalid input");
            return;
        }
        request.getSession().setAttribute("userid", bar);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().println("saved");
    }
}
