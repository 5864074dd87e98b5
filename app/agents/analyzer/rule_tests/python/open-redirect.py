from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from flask import Flask, redirect, request

app = Flask(__name__)


@app.route("/login")
def login():
    target = request.args.get("next")
    # ruleid: python.open-redirect
    return redirect(target)


@app.route("/login-safe")
def login_safe():
    target = request.args.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.host}):
        target = "/"
    # ok: python.open-redirect
    return redirect(target)


def django_view(req):
    # ruleid: python.open-redirect
    return HttpResponseRedirect(req.GET.get("next"))


def django_view_fixed(req):
    # ok: python.open-redirect
    return HttpResponseRedirect("/dashboard/")
