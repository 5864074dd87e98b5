import java.io.File;
import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import javax.servlet.http.HttpServletRequest;
import org.apache.commons.io.FilenameUtils;
import org.springframework.web.bind.annotation.RequestParam;

class Downloads {
    static final String BASE = "/srv/files/";

    byte[] get(HttpServletRequest request) throws Exception {
        String name = request.getParameter("file");
        // ruleid: java.path-traversal
        FileInputStream in = new FileInputStream(BASE + name);
        // ruleid: java.path-traversal
        File f = new File(BASE, name);
        // ok: java.path-traversal
        File safe = new File(BASE, FilenameUtils.getName(name));
        // ok: java.path-traversal
        File fixed = new File(BASE, "index.html");
        return new byte[0];
    }

    byte[] read(@RequestParam String file) throws Exception {
        Path base = Paths.get(BASE).normalize();
        Path target = base.resolve(file).normalize();
        if (!target.startsWith(base)) {
            throw new SecurityException("bad path");
        }
        // ok: java.path-traversal
        return Files.readAllBytes(target);
    }

    File upload(HttpServletRequest request) throws Exception {
        String filename = request.getPart("war").getSubmittedFileName();
        // ok: java.path-traversal
        return new File(BASE, filename.substring(filename.lastIndexOf('/') + 1));
    }

    byte[] raw(@RequestParam String file) throws Exception {
        // ruleid: java.path-traversal
        return Files.readAllBytes(Paths.get(BASE + file));
    }
}
