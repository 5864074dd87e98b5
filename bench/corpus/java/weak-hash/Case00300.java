import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

@WebServlet("/api/Case00300")
public class Case00300 extends HttpServlet {

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
        String username = request.getParameter("username");
        String password = request.getParameter("password");
        USERS.create(username, new BCryptPasswordEncoder(12).encode(password));
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().println("registered");
    }
}
