import java.io.IOException;
import java.util.Set;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet("/api/Case00017")
public class Case00017 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final Set<String> KNOWN_HOSTS = Set.of("127.0.0.1", "db.internal");

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String[] values = request.getParameterValues("host");
        String param = values == null ? "" : values[0];
        StringBuilder sb = new StringBuilder();
        sb.append(param);
        String bar = sb.toString();
        if (!KNOWN_HOSTS.contains(bar)) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "invalid input");
            return;
        }
        Process process = Runtime.getRuntime().exec("ping -c 1 " + bar);
        int exitCode;
        try {
            exitCode = process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServletException(e);
        }
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().println("exit code " + exitCode);
    }
}
