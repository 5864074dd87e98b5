"""Members of a directory group."""

import os

from flask import Flask, jsonify
from ldap3 import Connection, Server


app = Flask(__name__)


SERVER = Server(os.environ["LDAP_HOST"], use_ssl=True)


def directory():
    return Connection(
        SERVER, os.environ["LDAP_BIND_DN"], os.environ["LDAP_BIND_PASSWORD"], auto_bind=True
    )


@app.route("/directory/group", methods=["POST"])
def group_members():
    group = "admins"
    search_filter = f"(&(objectClass=groupOfNames)(cn={group}))"
    conn = directory()
    conn.search("ou=groups,dc=example,dc=org", search_filter, attributes=["cn", "mail"])
    return jsonify({"entries": [entry.entry_dn for entry in conn.entries]})
