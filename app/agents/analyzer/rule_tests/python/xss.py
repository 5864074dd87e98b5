from django.http import HttpResponse
from django.utils.safestring import mark_safe
from flask import Flask, jsonify, make_response, render_template, request
from markupsafe import Markup, escape

app = Flask(__name__)


@app.route("/hello")
def hello():
    name = request.args.get("name", "")
    # ruleid: python.xss
    return f"<h1>Hello {name}</h1>"


@app.route("/safe")
def safe():
    name = request.args.get("name", "")
    # ok: python.xss
    return f"<h1>Hello {escape(name)}</h1>"


@app.route("/template")
def template():
    # ok: python.xss
    return render_template("hello.html", name=request.args.get("name"))


@app.route("/json")
def as_json():
    # ok: python.xss
    return jsonify(name=request.args.get("name"))


@app.route("/raw")
def raw():
    # ruleid: python.xss
    response = make_response(request.args["html"])
    # ruleid: python.xss
    banner = Markup("<b>" + request.args["title"] + "</b>")
    return response


@app.route("/count")
def count():
    number = int(request.args.get("n", "0"))
    # ok: python.xss
    return "<p>%d items</p>" % number


def django_view(request):
    # ruleid: python.xss
    return HttpResponse("<p>" + request.GET["q"] + "</p>")


def django_mark(request):
    # ruleid: python.xss
    return mark_safe(request.GET["bio"])
