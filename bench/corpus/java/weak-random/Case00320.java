import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet("/api/Case00320")
public class Case00320 extends HttpServlet {

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

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String user = request.getParameter("user");
        String token = "key_" + Long.toHexString((long) (Math.random() * Long.MAX_VALUE));
        USERS.saveSession(token, user);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().println("sent");
    }
}
