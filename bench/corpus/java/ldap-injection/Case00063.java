import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.ldap.core.AttributesMapper;
import org.springframework.ldap.core.LdapTemplate;
import org.springframework.ldap.query.LdapQueryBuilder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00063 {

    private final LdapTemplate ldapTemplate;

    public Case00063(LdapTemplate ldapTemplate) {
        this.ldapTemplate = ldapTemplate;
    }

    @GetMapping("/api/Case00063/{name}")
    public ResponseEntity<String> handle(@PathVariable("name") String param) throws Exception {
        String bar = normalize(param);
        AttributesMapper<String> mailMapper = attributes -> String.valueOf(attributes.get("mail").get());
        List<String> mails = ldapTemplate.search(
                LdapQueryBuilder.query().base("ou=people").where("cn").is(bar), mailMapper);
        return ResponseEntity.ok("found " + mails.size());
    }

    private static String normalize(String value) {
        return value == null ? "" : value.trim().replaceAll("\\s+", " ");
    }
}
