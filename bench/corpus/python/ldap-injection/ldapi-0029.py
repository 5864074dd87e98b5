"""People search of the intranet."""

import os

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET
from ldap3 import Connection, Server


SERVER = Server(os.environ["LDAP_HOST"], use_ssl=True)


def directory():
    return Connection(
        SERVER, os.environ["LDAP_BIND_DN"], os.environ["LDAP_BIND_PASSWORD"], auto_bind=True
    )


@require_GET
def people(request: HttpRequest):
    options = {"name": request.META.get("HTTP_X_NAME", ""), "verbose": False}
    name = options["name"]
    search_filter = "(cn=" + name + ")"
    conn = directory()
    conn.search("ou=people,dc=example,dc=org", search_filter, attributes=["cn", "mail"])
    return JsonResponse({"entries": [entry.entry_dn for entry in conn.entries]})
