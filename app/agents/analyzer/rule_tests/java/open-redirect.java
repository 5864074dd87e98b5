import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

class LoginController {
    void login(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String next = request.getParameter("next");
        // ruleid: java.open-redirect
        response.sendRedirect(next);
        // ok: java.open-redirect
        response.sendRedirect("/home");
        if (!next.startsWith("/") || next.startsWith("//")) {
            next = "/";
        }
        // ok: java.open-redirect
        response.sendRedirect(next);
    }

    @GetMapping("/go")
    String go(@RequestParam String url) {
        // ruleid: java.open-redirect
        return "redirect:" + url;
    }

    @GetMapping("/profile")
    String profile(@RequestParam int id) {
        // ok: java.open-redirect
        return "redirect:/users/" + id;
    }
}
