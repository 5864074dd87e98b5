import java.io.IOException;
import java.io.InputStream;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.w3c.dom.Document;
import org.xml.sax.SAXException;

@WebServlet("/api/Case00074")
public class Case00074 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static Document loadUsers()
            throws ParserConfigurationException, SAXException, IOException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try (InputStream in = Case00074.class.getResourceAsStream("/users.xml")) {
            return factory.newDocumentBuilder().parse(in);
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = request.getParameter("name");
        String bar = param;
        try {
            Document document = loadUsers();
            XPath xpath = XPathFactory.newInstance().newXPath();
            xpath.setXPathVariableResolver(variable -> "name".equals(variable.getLocalPart()) ? bar : null);
            String email = xpath.evaluate("/users/user[@name=$name]/email/text()", document);
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().println("email: " + email);
        } catch (ParserConfigurationException | SAXException | XPathExpressionException e) {
            throw new ServletException(e);
        }
    }
}
