import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.ldap.core.AttributesMapper;
import org.springframework.ldap.core.LdapTemplate;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00055 {

    private final LdapTemplate ldapTemplate;

    public Case00055(LdapTemplate ldapTemplate) {
        this.ldapTemplate = ldapTemplate;
    }

    @GetMapping("/api/Case00055")
    public ResponseEntity<String> handle(@CookieValue("name") String param) throws Exception {
        int num = 106;
        String bar = (7 * 18) + num > 200 ? "Jane Doe" : param;
        AttributesMapper<String> mailMapper = attributes -> String.valueOf(attributes.get("mail").get());
        List<String> mails = ldapTemplate.search("ou=people", "(cn=" + bar + ")", mailMapper);
        return ResponseEntity.ok("found " + mails.size());
    }
}
