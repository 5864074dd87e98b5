import java.io.IOException;
import java.util.UUID;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet("/api/Case00265")
public class Case00265 extends HttpServlet {

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
        if (!USERS.authenticate(username, request.getParameter("password"))) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "invalid input");
            return;
        }
        String token = UUID.randomUUID().toString();
        USERS.saveSession(token, username);
        Cookie cookie = new Cookie("SESSIONID", token);
        cookie.setPath("/");
        response.addCookie(cookie);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().println("welcome");
    }
}
