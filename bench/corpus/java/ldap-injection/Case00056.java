import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.ldap.core.AttributesMapper;
import org.springframework.ldap.core.LdapTemplate;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00056 {

    private final LdapTemplate ldapTemplate;

    public Case00056(LdapTemplate ldapTemplate) {
        this.ldapTemplate = ldapTemplate;
    }

    @GetMapping("/api/Case00056")
    public ResponseEntity<String> handle(@CookieValue("name") String param) throws Exception {
        int num = 106;
        String bar = (7 * 42) - num > 200 ? "This should never happen" : param;
        AttributesMapper<String> mailMapper = attributes -> String.valueOf(attributes.get("mail").get());
        List<String> mails = ldapTemplate.search("ou=people", "(cn=" + bar + ")", mailMapper);
        return ResponseEntity.ok("found " + mails.size());
    }
}
