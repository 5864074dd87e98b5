"""Read one directory entry by its user id."""

import os

import ldap
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST


def directory():
    conn = ldap.initialize(os.environ["LDAP_URI"])
    conn.simple_bind_s(os.environ["LDAP_BIND_DN"], os.environ["LDAP_BIND_PASSWORD"])
    return conn


@require_POST
def entry(request: HttpRequest):
    options = {"user": request.POST.get("user", ""), "verbose": False}
    user = options["user"]
    dn = "uid=" + user + ",ou=people,dc=example,dc=org"
    results = directory().search_s(dn, ldap.SCOPE_BASE, "(objectClass=*)", ["cn"])
    return JsonResponse({"entries": [dn for dn, _ in results]})
