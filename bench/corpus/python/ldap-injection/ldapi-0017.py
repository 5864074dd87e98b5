"""People search of the intranet."""

import os

from flask import Flask, jsonify, request
from ldap3 import Connection, Server


app = Flask(__name__)


SERVER = Server(os.environ["LDAP_HOST"], use_ssl=True)


def directory():
    return Connection(
        SERVER, os.environ["LDAP_BIND_DN"], os.environ["LDAP_BIND_PASSWORD"], auto_bind=True
    )


@app.route("/directory/people")
def people():
    name = request.headers.get("X-Name", "")
    search_filter = f"(cn={name})"
    conn = directory()
    conn.search("ou=people,dc=example,dc=org", search_filter, attributes=["cn", "mail"])
    return jsonify({"entries": [entry.entry_dn for entry in conn.entries]})
