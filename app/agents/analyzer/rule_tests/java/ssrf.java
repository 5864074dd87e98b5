import java.io.InputStream;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import javax.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.client.RestTemplate;

class Fetcher {
    RestTemplate restTemplate = new RestTemplate();

    void fetch(HttpServletRequest request) throws Exception {
        String target = request.getParameter("url");
        // ruleid: java.ssrf
        InputStream in = new URL(target).openStream();
        String id = request.getParameter("id");
        // ok: java.ssrf
        InputStream ok = new URL("https://api.example.com/items/" + URLEncoder.encode(id, StandardCharsets.UTF_8)).openStream();
    }

    String hook(@RequestParam String callback) {
        // ruleid: java.ssrf
        return restTemplate.getForObject(callback, String.class);
    }

    String fixed() {
        // ok: java.ssrf
        return restTemplate.getForObject("https://api.example.com/status", String.class);
    }
}
