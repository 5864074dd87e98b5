import java.util.Hashtable;

import javax.naming.Context;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Case00068 {

    private static DirContext connect() throws NamingException {
        Hashtable<String, String> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
        env.put(Context.PROVIDER_URL, "ldap://ldap.example.com:389");
        return new InitialDirContext(env);
    }

    @PostMapping("/api/Case00068")
    public ResponseEntity<String> handle(@RequestBody String param) throws Exception {
        String bar = param;
        bar = "jdoe@example.com";
        try {
            DirContext context = connect();
            SearchControls controls = new SearchControls();
            controls.setSearchScope(SearchControls.SUBTREE_SCOPE);
            String filter = String.format("(&(objectClass=inetOrgPerson)(mail=%s))", bar);
            NamingEnumeration<SearchResult> results =
                    context.search("ou=people,dc=example,dc=com", filter, controls);
            int count = 0;
            while (results.hasMore()) {
                results.next();
                count++;
            }
            context.close();
            return ResponseEntity.ok("found " + count);
        } catch (NamingException e) {
            throw new IllegalStateException(e);
        }
    }
}
