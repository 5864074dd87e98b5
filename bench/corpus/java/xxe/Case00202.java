import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.xml.sax.SAXException;

@WebServlet("/api/Case00202")
public class Case00202 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param;
        try (java.io.BufferedReader reader = request.getReader()) {
            param = reader.lines().collect(java.util.stream.Collectors.joining("\n"));
        }
        List<String> valuesList = new ArrayList<>();
        valuesList.add("safe");
        valuesList.add(param);
        valuesList.add("<order><item>book</item><item>pen</item></order>");
        valuesList.remove(0);
        String bar = valuesList.get(0);
        try {
            SchemaFactory schemas = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            Schema schema = schemas.newSchema(Case00202.class.getResource("/order.xsd"));
            Validator validator = schema.newValidator();
            validator.validate(new StreamSource(new StringReader(bar)));
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().println("valid");
        } catch (SAXException e) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "invalid input");
            return;
        }
    }
}
