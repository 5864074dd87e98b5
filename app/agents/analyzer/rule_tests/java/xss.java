import java.io.PrintWriter;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.owasp.encoder.Encode;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

class Greeting {
    void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String name = request.getParameter("name");
        // ruleid: java.xss
        response.getWriter().println("<p>Hello " + name + "</p>");
        PrintWriter out = response.getWriter();
        // ruleid: java.xss
        out.format("<p>%s</p>", request.getHeader("X-Name"));
        // ok: java.xss
        out.println("<p>Hello " + Encode.forHtml(name) + "</p>");
        // ok: java.xss
        out.println("<p>Hello</p>");
    }

    void report(HttpServletRequest request, java.io.File file) throws Exception {
        PrintWriter log = new PrintWriter(file);
        // ok: java.xss
        log.println("visited by " + request.getParameter("name"));
    }

    void filtered(HttpServletRequest request, HttpServletResponse response) throws Exception {
        PrintWriter out = response.getWriter();
        // ok: java.xss
        out.println("<p>" + HTMLFilter.filter(request.getParameter("name")) + "</p>");
    }

    void plain(HttpServletRequest request, HttpServletResponse response) throws Exception {
        response.setContentType("text/plain;charset=" + "UTF-8");
        // ok: java.xss
        response.getWriter().println("Hello " + request.getParameter("name"));
    }

    @GetMapping("/hello")
    @ResponseBody
    String hello(@RequestParam String name) {
        // ruleid: java.xss
        return "<h1>Hello " + name + "</h1>";
    }

    @GetMapping("/hello2")
    @ResponseBody
    String hello2(@RequestParam String name) {
        // ok: java.xss
        return "<h1>Hello " + HtmlUtils.htmlEscape(name) + "</h1>";
    }
}
