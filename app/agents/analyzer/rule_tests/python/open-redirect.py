from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from flask import Flask, redirect, request, url_for

app = Flask(__name__)


@app.route("/login")
def login():
    target = request.args.get("next")
    # ruleid: python.open-redirect
    return redirect(target)


@app.route("/go")
def go():
    # ok: python.open-redirect
    return redirect(url_for("index", page=request.args.get("page")))


@app.route("/profile")
def profile():
    name = request.args.get("name", "")
    # ok: python.open-redirect
    return redirect("/profile/" + name)


def django_login(request):
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    # ok: python.open-redirect
    return HttpResponseRedirect(target)


def django_unchecked(request):
    # ruleid: python.open-redirect
    return HttpResponseRedirect(request.POST["next"])
