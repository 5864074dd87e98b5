import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletResponse;

class Cookies {
    void bad(HttpServletResponse response, String id) {
        Cookie cookie = new Cookie("session", id);
        // ruleid: java.insecure-cookie
        response.addCookie(cookie);
        Cookie c2 = new Cookie("remember", id);
        c2.setHttpOnly(true);
        // ruleid: java.insecure-cookie
        c2.setSecure(false);
        response.addCookie(c2);
    }

    void conditional(HttpServletResponse response, String id, boolean https) {
        Cookie cookie = new Cookie("sso", id);
        if (https) {
            cookie.setSecure(true);
        }
        cookie.setHttpOnly(true);
        // ok: java.insecure-cookie
        response.addCookie(cookie);
    }

    void good(HttpServletResponse response, String id) {
        Cookie cookie = new Cookie("session", id);
        cookie.setSecure(true);
        cookie.setHttpOnly(true);
        // ok: java.insecure-cookie
        response.addCookie(cookie);
    }
}
