"""People search of the intranet."""

import os
from dataclasses import dataclass

from flask import Flask, jsonify, request
from ldap3 import Connection, Server


app = Flask(__name__)


SERVER = Server(os.environ["LDAP_HOST"], use_ssl=True)


def directory():
    return Connection(
        SERVER, os.environ["LDAP_BIND_DN"], os.environ["LDAP_BIND_PASSWORD"], auto_bind=True
    )


@dataclass
class PeopleRequest:
    name: str


@app.route("/directory/people", methods=["POST"])
def people():
    job = PeopleRequest(name=request.form.get("name", ""))
    values = ["Jane Doe", job.name, "Jane Doe"]
    values.pop(0)
    name_value = values[1]
    search_filter = "(cn=%s)" % name_value
    conn = directory()
    conn.search("ou=people,dc=example,dc=org", search_filter, attributes=["cn", "mail"])
    return jsonify({"entries": [entry.entry_dn for entry in conn.entries]})
