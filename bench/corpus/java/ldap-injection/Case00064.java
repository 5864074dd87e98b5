import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.ldap.core.AttributesMapper;
import org.springframework.ldap.core.LdapTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00064 {

    private final LdapTemplate ldapTemplate;

    public Case00064(LdapTemplate ldapTemplate) {
        this.ldapTemplate = ldapTemplate;
    }

    @GetMapping("/api/Case00064/{name}")
    public ResponseEntity<String> handle(@PathVariable("name") String param) throws Exception {
        String bar = normalize(param);
        AttributesMapper<String> mailMapper = attributes -> String.valueOf(attributes.get("mail").get());
        List<String> mails = ldapTemplate.search("ou=people", "(cn=" + bar + ")", mailMapper);
        return ResponseEntity.ok("found " + mails.size());
    }

    private static String normalize(String value) {
        return value == null ? "" : value.trim().replaceAll("\\s+", " ");
    }
}
