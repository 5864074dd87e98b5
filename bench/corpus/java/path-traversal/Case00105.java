import java.io.File;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet("/api/Case00105")
public class Case00105 extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final String BASE_DIR = "/srv/app/files";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = "";
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if ("file".equals(cookie.getName())) {
                    param = URLDecoder.decode(cookie.getValue(), StandardCharsets.UTF_8);
                }
            }
        }
        List<String> valuesList = new ArrayList<>();
        valuesList.add("safe");
        valuesList.add(param);
        valuesList.add("report.txt");
        valuesList.remove(0);
        String bar = valuesList.get(1);
        File file = new File(BASE_DIR, bar);
        byte[] content = Files.readAllBytes(file.toPath());
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().println("read " + content.length + " bytes");
    }
}
