import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.owasp.encoder.Encode;

@WebServlet("/api/Case00185")
public class Case00185 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String[] values = request.getParameterValues("name");
        String param = values == null ? "" : values[0];
        StringBuilder sb = new StringBuilder();
        sb.append(param);
        String bar = sb.toString();
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().println("<h1>Hello " + Encode.forHtml(bar) + "</h1>");
    }
}
