import java.io.File;
import java.io.IOException;
import java.nio.file.Files;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet("/api/Case00097")
public class Case00097 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final String BASE_DIR = "/srv/app/files";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = request.getParameter("file");
        String bar = param;
        File file = new File(BASE_DIR, new File(bar).getName());
        byte[] content = Files.readAllBytes(file.toPath());
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().println("read " + content.length + " bytes");
    }
}
