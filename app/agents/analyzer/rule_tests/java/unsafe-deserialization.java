import java.beans.XMLDecoder;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import javax.servlet.http.HttpServletRequest;

class Import {
    Object load(HttpServletRequest request) throws Exception {
        // ruleid: java.unsafe-deserialization
        ObjectInputStream in = new ObjectInputStream(request.getInputStream());
        return in.readObject();
    }

    Object filtered(HttpServletRequest request) throws Exception {
        // ok: java.unsafe-deserialization
        ObjectInputStream in = new ObjectInputStream(request.getInputStream());
        in.setObjectInputFilter(ObjectInputFilter.Config.createFilter("com.example.dto.*;!*"));
        return in.readObject();
    }

    Object beans(HttpServletRequest request) throws Exception {
        // ruleid: java.unsafe-deserialization
        XMLDecoder decoder = new XMLDecoder(request.getInputStream());
        return decoder.readObject();
    }

    Object local(java.io.InputStream file) throws Exception {
        // ok: java.unsafe-deserialization
        return new ObjectInputStream(file).readObject();
    }
}
