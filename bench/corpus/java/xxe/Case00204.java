import java.io.IOException;
import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.dom4j.DocumentException;
import org.dom4j.io.SAXReader;
import org.w3c.dom.Document;

@WebServlet("/api/Case00204")
public class Case00204 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = request.getParameter("xml");
        Map<String, Object> map = new HashMap<>();
        map.put("keyA", "<order><item>book</item><item>pen</item></order>");
        map.put("keyB", param);
        String bar = (String) map.get("keyB");
        try {
            SAXReader reader = new SAXReader();
            org.dom4j.Document document = reader.read(new StringReader(bar));
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().println("items: " + document.getRootElement().elements("item").size());
        } catch (DocumentException e) {
            throw new ServletException(e);
        }
    }
}
