import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet("/api/Case00101")
public class Case00101 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final String BASE_DIR = "/srv/app/files";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = request.getHeader("X-File");
        String bar = normalize(param);
        String content = Files.readString(Paths.get(BASE_DIR, bar));
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().println("read " + content.length() + " characters");
    }

    private static String normalize(String value) {
        return value == null ? "" : value.trim().replaceAll("\\s+", " ");
    }
}
