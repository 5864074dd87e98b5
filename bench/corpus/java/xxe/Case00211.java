import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;

import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet("/api/Case00211")
public class Case00211 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param;
        try (java.io.BufferedReader reader = request.getReader()) {
            param = reader.lines().collect(java.util.stream.Collectors.joining("\n"));
        }
        String bar = "<order><item>book</item><item>pen</item></order>";
        bar = param;
        try {
            TransformerFactory factory = TransformerFactory.newInstance();
            Transformer transformer = factory.newTransformer();
            StringWriter out = new StringWriter();
            transformer.transform(new StreamSource(new StringReader(bar)), new StreamResult(out));
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().println("normalized " + out.toString().length() + " characters");
        } catch (TransformerException e) {
            throw new ServletException(e);
        }
    }
}
