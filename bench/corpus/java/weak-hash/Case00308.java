import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet("/api/Case00308")
public class Case00308 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Stands for the application's user and session store. */
    private static final class UserStore {
        boolean authenticate(String username, String password) {
            return username != null && password != null && !password.isEmpty();
        }

        void saveSession(String token, String username) {
        }

        void create(String username, String hash) {
        }

        String findHash(String username) {
            return "";
        }
    }

    private static final UserStore USERS = new UserStore();

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String file = "reports/q3.pdf";
        long expires = System.currentTimeMillis() / 1000 + 3600;
        try {
            byte[] signature = MessageDigest.getInstance("SHA-1").digest(
                    (file + expires + System.getenv("URL_SIGNING_KEY")).getBytes(StandardCharsets.UTF_8));
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().println("/download/" + file + "?expires=" + expires + "&sig=" + HexFormat.of().formatHex(signature));
        } catch (GeneralSecurityException e) {
            throw new ServletException(e);
        }
    }
}
