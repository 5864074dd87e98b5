import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.impl.LaissezFaireSubTypeValidator;
import java.beans.XMLDecoder;
import java.io.ByteArrayInputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;
import java.util.HashMap;
import java.util.Map;
import javax.servlet.http.HttpServletRequest;
import org.apache.commons.io.serialization.ValidatingObjectInputStream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

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

class More {
    Object tryFiltered(HttpServletRequest request) throws Exception {
        // ok: java.unsafe-deserialization
        try (ObjectInputStream in = new ObjectInputStream(request.getInputStream())) {
            in.setObjectInputFilter(ObjectInputFilter.Config.createFilter("com.example.dto.*;!*"));
            return in.readObject();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    Object tryFilteredNoCatch(HttpServletRequest request) throws Exception {
        // ok: java.unsafe-deserialization
        try (ObjectInputStream in = new ObjectInputStream(request.getInputStream())) {
            in.setObjectInputFilter(ObjectInputFilter.Config.createFilter("com.example.dto.*;!*"));
            return in.readObject();
        }
    }

    Object tryUnfiltered(HttpServletRequest request) throws Exception {
        // ruleid: java.unsafe-deserialization
        try (ObjectInputStream in = new ObjectInputStream(request.getInputStream())) {
            return in.readObject();
        }
    }

    Object allowList(HttpServletRequest request) throws Exception {
        // ok: java.unsafe-deserialization
        ObjectInputStream in = new ObjectInputStream(request.getInputStream()) {
            @Override
            protected Class<?> resolveClass(ObjectStreamClass desc) throws java.io.IOException, ClassNotFoundException {
                if (!desc.getName().equals("com.example.dto.Prefs")) {
                    throw new java.io.InvalidClassException(desc.getName());
                }
                return super.resolveClass(desc);
            }
        };
        return in.readObject();
    }

    Object anonymousWithoutAllowList(HttpServletRequest request) throws Exception {
        // ruleid: java.unsafe-deserialization
        ObjectInputStream in = new ObjectInputStream(request.getInputStream()) {
            @Override
            public String toString() {
                return "stream";
            }
        };
        return in.readObject();
    }

    Object validating(HttpServletRequest request) throws Exception {
        // ok: java.unsafe-deserialization
        ValidatingObjectInputStream in = new ValidatingObjectInputStream(request.getInputStream());
        in.accept(String.class);
        return in.readObject();
    }

    Object viaMap(HttpServletRequest request) throws Exception {
        Map<String, Object> map = new HashMap<>();
        map.put("data", request.getParameter("data"));
        String data = (String) map.get("data");
        // ruleid: java.unsafe-deserialization
        return new XMLDecoder(new ByteArrayInputStream(data.getBytes())).readObject();
    }

    Object yamlDefault(HttpServletRequest request) {
        Yaml yaml = new Yaml();
        // ruleid: java.unsafe-deserialization
        return yaml.load(request.getHeader("X-Settings"));
    }

    Object yamlSafe(HttpServletRequest request) {
        // ok: java.unsafe-deserialization
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(request.getHeader("X-Settings"));
    }

    Object yamlSafeVariable(HttpServletRequest request) {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        // ok: java.unsafe-deserialization
        Object settings = yaml.load(request.getHeader("X-Settings"));
        return settings;
    }

    Object yamlOtherUnsafe(HttpServletRequest request) {
        Yaml safe = new Yaml(new SafeConstructor(new LoaderOptions()));
        Yaml unsafe = new Yaml();
        safe.load("a: 1");
        // ruleid: java.unsafe-deserialization
        return unsafe.load(request.getHeader("X-Settings"));
    }

    Object jacksonDefaultTyping(HttpServletRequest request) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        mapper.enableDefaultTyping();
        // ruleid: java.unsafe-deserialization
        return mapper.readValue(request.getParameter("prefs"), Object.class);
    }

    Object jacksonLaissezFaire(HttpServletRequest request) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        mapper.activateDefaultTyping(LaissezFaireSubTypeValidator.instance, ObjectMapper.DefaultTyping.NON_FINAL);
        // ruleid: java.unsafe-deserialization
        return mapper.readValue(request.getParameter("prefs"), Object.class);
    }

    Object jacksonPlain(HttpServletRequest request) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        // ok: java.unsafe-deserialization
        return mapper.readValue(request.getParameter("prefs"), java.util.Map.class);
    }
}
