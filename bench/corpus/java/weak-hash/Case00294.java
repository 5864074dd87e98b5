import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet("/api/Case00294")
public class Case00294 extends HttpServlet {

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
        String signature = request.getHeader("X-Signature");
        byte[] payload = request.getInputStream().readAllBytes();
        byte[] secret = System.getenv("WEBHOOK_SECRET").getBytes(StandardCharsets.UTF_8);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] expected = mac.doFinal(payload);
            if (signature == null || !MessageDigest.isEqual(expected, HexFormat.of().parseHex(signature))) {
                response.sendError(HttpServletResponse.SC_BAD_REQUEST, "invalid input");
                return;
            }
        } catch (GeneralSecurityException e) {
            throw new ServletException(e);
        }
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().println("accepted");
    }
}
