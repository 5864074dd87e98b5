import javax.servlet.http.HttpServletRequest;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;

class Users {
    Document doc;

    String role(HttpServletRequest request) throws Exception {
        XPath xpath = XPathFactory.newInstance().newXPath();
        String name = request.getParameter("name");
        // ruleid: java.xpath-injection
        String role = xpath.evaluate("/users/user[@name='" + name + "']/role", doc);
        // ok: java.xpath-injection
        String all = xpath.evaluate("/users/user/role", doc);
        // ok: java.xpath-injection
        xpath.compile("/users/user[@name=$name]/role");
        return role + all;
    }
}
