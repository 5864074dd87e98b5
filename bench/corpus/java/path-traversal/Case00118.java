import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet("/api/Case00118")
public class Case00118 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final String BASE_DIR = "/srv/app/files";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String[] values = request.getParameterMap().get("file");
        String param = values == null ? "" : values[0];
        String bar = param.trim();
        Path base = Paths.get(BASE_DIR).toAbsolutePath().normalize();
        Path target = base.resolve(bar).normalize();
        if (!target.startsWith(base) || target.equals(base)) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "invalid input");
            return;
        }
        String content = Files.readString(target);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().println("read " + content.length() + " characters");
    }
}
