import java.io.File;
import java.io.IOException;
import java.nio.file.Files;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet("/api/Case00114")
public class Case00114 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final String BASE_DIR = "/srv/app/files";

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String[] values = request.getParameterValues("file");
        String param = values == null ? "" : values[0];
        StringBuilder sb = new StringBuilder();
        sb.append(param);
        String bar = sb.toString();
        File file = new File(BASE_DIR, bar);
        byte[] content = Files.readAllBytes(file.toPath());
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().println("read " + content.length + " bytes");
    }
}
