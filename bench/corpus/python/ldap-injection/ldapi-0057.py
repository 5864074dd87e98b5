"""Active Directory account lookup for the help desk."""

import os

import ldap
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET


def directory():
    conn = ldap.initialize(os.environ["LDAP_URI"])
    conn.simple_bind_s(os.environ["LDAP_BIND_DN"], os.environ["LDAP_BIND_PASSWORD"])
    return conn


@require_GET
def account(request: HttpRequest):
    account = request.GET["account"].lower()
    search_filter = "(sAMAccountName=%s)" % account
    results = directory().search_ext_s(
        "dc=corp,dc=example,dc=com", ldap.SCOPE_SUBTREE, search_filter, ["displayName"]
    )
    return JsonResponse({"entries": [dn for dn, _ in results]})
