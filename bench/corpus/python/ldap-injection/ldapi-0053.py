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


def normalise_name(value: str) -> str:
    return value.strip()


@app.route("/directory/people", methods=["POST"])
def people():
    name = normalise_name(request.get_json()["name"])
    search_filter = "(cn=" + name + ")"
    conn = directory()
    conn.search("ou=people,dc=example,dc=org", search_filter, attributes=["cn", "mail"])
    return jsonify({"entries": [entry.entry_dn for entry in conn.entries]})
