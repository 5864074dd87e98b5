import java.util.Set;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

class PingServlet {
    private static final Set<String> TOOLS = Set.of("uptime", "df");

    void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String host = request.getParameter("host");
        // ruleid: java.command-injection
        Runtime.getRuntime().exec("ping -c 1 " + host);
        // ruleid: java.command-injection
        new ProcessBuilder("sh", "-c", "nslookup " + host).start();
        // ok: java.command-injection
        Runtime.getRuntime().exec("uptime");
        int count = Integer.parseInt(request.getParameter("count"));
        // ok: java.command-injection
        Runtime.getRuntime().exec("seq " + count);
        String tool = request.getParameter("tool");
        if (!TOOLS.contains(tool)) {
            return;
        }
        // ok: java.command-injection
        new ProcessBuilder(tool).start();
    }

    @GetMapping("/run")
    String run(@RequestParam("cmd") String cmd) throws Exception {
        // ruleid: java.command-injection
        Runtime.getRuntime().exec(new String[] {"bash", "-c", cmd});
        String fixed = "ls";
        if (false) {
            fixed = cmd;
        }
        // ok: java.command-injection
        Runtime.getRuntime().exec(fixed);
        return "ok";
    }

    void local(String dir) throws Exception {
        // ok: java.command-injection
        Runtime.getRuntime().exec("ls " + dir);
    }
}
