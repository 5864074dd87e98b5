import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

@WebServlet("/api/Case00094")
public class Case00094 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static Document loadUsers()
            throws ParserConfigurationException, SAXException, IOException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try (InputStream in = Case00094.class.getResourceAsStream("/users.xml")) {
            return factory.newDocumentBuilder().parse(in);
        }
    }

    private static final Set<String> ROLES = Set.of("viewer", "editor", "admin");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String[] values = request.getParameterMap().get("role");
        String param = values == null ? "" : values[0];
        String bar = param.trim();
        if (!ROLES.contains(bar)) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "invalid input");
            return;
        }
        try {
            Document document = loadUsers();
            XPath xpath = XPathFactory.newInstance().newXPath();
            NodeList users = (NodeList) xpath.compile(String.format("/users/user[@role='%s']", bar))
                    .evaluate(document, XPathConstants.NODESET);
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().println("found " + users.getLength());
        } catch (ParserConfigurationException | SAXException | XPathExpressionException e) {
            throw new ServletException(e);
        }
    }
}
