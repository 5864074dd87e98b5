import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.util.HtmlUtils;

@WebServlet("/api/Case00179")
public class Case00179 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String[] values = request.getParameterMap().get("q");
        String param = values == null ? "" : values[0];
        Map<String, Object> map = new HashMap<>();
        map.put("keyA", "shoes");
        map.put("keyB", param);
        String bar = (String) map.get("keyB");
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().format("<p>Search results for <b>%s</b></p>", HtmlUtils.htmlEscape(bar));
    }
}
