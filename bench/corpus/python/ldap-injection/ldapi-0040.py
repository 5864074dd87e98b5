"""Find the account behind an e-mail address."""

import os

import ldap
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET
from ldap.filter import escape_filter_chars


def directory():
    conn = ldap.initialize(os.environ["LDAP_URI"])
    conn.simple_bind_s(os.environ["LDAP_BIND_DN"], os.environ["LDAP_BIND_PASSWORD"])
    return conn


@require_GET
def find_by_mail(request: HttpRequest, mail: str):
    mail = escape_filter_chars(mail)
    search_filter = f"(&(objectClass=person)(mail={mail}))"
    results = directory().search_s("dc=example,dc=org", ldap.SCOPE_SUBTREE, search_filter, ["uid"])
    return JsonResponse({"entries": [dn for dn, _ in results]})
