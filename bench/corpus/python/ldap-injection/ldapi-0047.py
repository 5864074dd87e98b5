"""Read one directory entry by its user id."""

import os

import ldap
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST


def directory():
    conn = ldap.initialize(os.environ["LDAP_URI"])
    conn.simple_bind_s(os.environ["LDAP_BIND_DN"], os.environ["LDAP_BIND_PASSWORD"])
    return conn


def normalise_user(value: str) -> str:
    return value.strip()


@require_POST
def entry(request: HttpRequest):
    user = normalise_user(request.body.decode())
    dn = "uid=" + user + ",ou=people,dc=example,dc=org"
    results = directory().search_s(dn, ldap.SCOPE_BASE, "(objectClass=*)", ["cn"])
    return JsonResponse({"entries": [dn for dn, _ in results]})
