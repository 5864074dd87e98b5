import javax.naming.directory.DirContext;
import javax.naming.directory.SearchControls;
import javax.servlet.http.HttpServletRequest;
import org.springframework.ldap.support.LdapEncoder;

class Directory {
    DirContext ctx;

    void lookup(HttpServletRequest request) throws Exception {
        String user = request.getParameter("user");
        SearchControls controls = new SearchControls();
        // ruleid: java.ldap-injection
        ctx.search("ou=people,dc=example,dc=com", "(uid=" + user + ")", controls);
        // ok: java.ldap-injection
        ctx.search("ou=people,dc=example,dc=com", "(uid={0})", new Object[] {user}, controls);
        // ok: java.ldap-injection
        ctx.search("ou=people,dc=example,dc=com", "(uid=" + LdapEncoder.filterEncode(user) + ")", controls);
    }
}
