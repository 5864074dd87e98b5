"""People search of the intranet."""

import os

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET
from ldap3 import Connection, Server
from ldap3.utils.conv import escape_filter_chars


SERVER = Server(os.environ["LDAP_HOST"], use_ssl=True)


def directory():
    return Connection(
        SERVER, os.environ["LDAP_BIND_DN"], os.environ["LDAP_BIND_PASSWORD"], auto_bind=True
    )


@require_GET
def people(request: HttpRequest):
    options = {"name": request.META.get("HTTP_X_NAME", ""), "verbose": False}
    name = options["name"]
    name = escape_filter_chars(name)
    search_filter = "(cn=" + name + ")"
    conn = directory()
    conn.search("ou=people,dc=example,dc=org", search_filter, attributes=["cn", "mail"])
    return JsonResponse({"entries": [entry.entry_dn for entry in conn.entries]})
