import java.io.IOException;
import java.io.StringReader;

import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

@WebServlet("/api/Case00208")
public class Case00208 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final class ElementCounter extends DefaultHandler {
        private int count;

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            count++;
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String[] values = request.getParameterMap().get("xml");
        String param = values == null ? "" : values[0];
        String bar = normalize(param);
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            SAXParser parser = factory.newSAXParser();
            ElementCounter counter = new ElementCounter();
            parser.parse(new InputSource(new StringReader(bar)), counter);
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().println("elements: " + counter.count);
        } catch (ParserConfigurationException | SAXException e) {
            throw new ServletException(e);
        }
    }

    private static String normalize(String value) {
        return value == null ? "" : value.trim().replaceAll("\\s+", " ");
    }
}
