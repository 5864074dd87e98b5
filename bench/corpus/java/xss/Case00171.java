import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.util.HtmlUtils;

@WebServlet("/api/Case00171")
public class Case00171 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = request.getHeader("X-Q");
        String bar = param.trim();
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().format("<p>Search results for <b>%s</b></p>", HtmlUtils.htmlEscape(bar));
    }
}
