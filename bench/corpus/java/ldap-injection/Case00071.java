import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.ldap.core.AttributesMapper;
import org.springframework.ldap.core.LdapTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00071 {

    private final LdapTemplate ldapTemplate;

    public Case00071(LdapTemplate ldapTemplate) {
        this.ldapTemplate = ldapTemplate;
    }

    @PostMapping("/api/Case00071")
    public ResponseEntity<String> handle(@RequestParam("name") String param) throws Exception {
        Map<String, Object> map = new HashMap<>();
        map.put("keyA", "Jane Doe");
        map.put("keyB", param);
        String bar = (String) map.get("keyB");
        AttributesMapper<String> mailMapper = attributes -> String.valueOf(attributes.get("mail").get());
        List<String> mails = ldapTemplate.search("ou=people", "(cn=" + bar + ")", mailMapper);
        return ResponseEntity.ok("found " + mails.size());
    }
}
