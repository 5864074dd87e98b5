import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import javax.persistence.EntityManager;
import javax.servlet.http.HttpServletRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.PathVariable;

class UserDao {
    Connection conn;
    JdbcTemplate jdbc;
    EntityManager em;

    void find(HttpServletRequest request) throws Exception {
        String name = request.getParameter("name");
        Statement st = conn.createStatement();
        // ruleid: java.sql-injection
        st.executeQuery("SELECT * FROM users WHERE name = '" + name + "'");
        // ruleid: java.sql-injection
        jdbc.queryForList(String.format("SELECT * FROM users WHERE name = '%s'", name));
        // ok: java.sql-injection
        PreparedStatement ps = conn.prepareStatement("SELECT * FROM users WHERE name = ?");
        ps.setString(1, name);
        // ok: java.sql-injection
        ps.executeQuery();
        // ok: java.sql-injection
        jdbc.queryForList("SELECT * FROM users WHERE name = ?", name);
        long id = Long.parseLong(request.getParameter("id"));
        // ok: java.sql-injection
        st.execute("DELETE FROM users WHERE id = " + id);
    }

    Object byId(@PathVariable String id, @PathVariable int n) {
        // ruleid: java.sql-injection
        return em.createQuery("SELECT u FROM User u WHERE u.id = " + id).getResultList();
    }

    Object builder(HttpServletRequest request, org.springframework.web.util.UriComponentsBuilder builder) {
        // ok: java.sql-injection
        return builder.query(request.getQueryString());
    }

    Object byNumber(@PathVariable int n) {
        // ok: java.sql-injection
        return em.createNativeQuery("SELECT * FROM users LIMIT " + n).getResultList();
    }
}
