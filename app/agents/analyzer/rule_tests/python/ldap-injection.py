import ldap
import ldap3
from flask import Flask, request
from ldap3.utils.conv import escape_filter_chars

app = Flask(__name__)


@app.route("/people")
def people():
    user = request.args.get("user", "")
    con = ldap.initialize("ldap://directory")
    # ruleid: python.ldap-injection
    con.search_s("ou=people,dc=example,dc=org", ldap.SCOPE_SUBTREE, "(uid=" + user + ")")
    # ok: python.ldap-injection
    con.search_s("ou=people,dc=example,dc=org", ldap.SCOPE_SUBTREE, "(uid=%s)" % ldap.filter.escape_filter_chars(user))
    conn = ldap3.Connection("ldap://directory", auto_bind=True)
    # ruleid: python.ldap-injection
    conn.search("ou=people,dc=example,dc=org", f"(cn={user})")
    # ok: python.ldap-injection
    conn.search("ou=people,dc=example,dc=org", f"(cn={escape_filter_chars(user)})")
    # ok: python.ldap-injection
    conn.search("ou=people,dc=example,dc=org", "(objectClass=person)")
    return "ok"
