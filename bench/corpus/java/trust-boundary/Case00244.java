import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

@WebServlet("/api/Case00244")
public class Case00244 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = request.getHeader("X-Preference");
        String bar = param.trim();
        HttpSession session = request.getSession();
        session.setAttribute(bar, "10340");
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().println("saved");
    }
}
