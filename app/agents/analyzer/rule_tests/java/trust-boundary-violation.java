import java.util.Set;
import javax.servlet.http.HttpServletRequest;

class Prefs {
    private static final Set<String> LANGS = Set.of("en", "fr");

    void save(HttpServletRequest request) {
        String user = request.getParameter("user");
        // ruleid: java.trust-boundary-violation
        request.getSession().setAttribute("user", user);
        String lang = request.getParameter("lang");
        if (LANGS.contains(lang)) {
            // ok: java.trust-boundary-violation
            request.getSession().setAttribute("lang", lang);
        }
        // ok: java.trust-boundary-violation
        request.getSession().setAttribute("visited", "yes");
    }
}
