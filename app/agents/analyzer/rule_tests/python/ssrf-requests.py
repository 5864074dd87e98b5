import urllib.parse
import urllib.request

import httpx
import requests
from flask import Flask, abort, request

app = Flask(__name__)
ALLOWED_HOSTS = {"api.example.com"}


@app.route("/preview")
def preview():
    url = request.args.get("url")
    # ruleid: python.ssrf-requests
    return requests.get(url, timeout=5).text


@app.route("/fetch")
def fetch():
    host = request.args["host"]
    # ruleid: python.ssrf-requests
    urllib.request.urlopen("http://" + host + "/status")
    # ruleid: python.ssrf-requests
    httpx.post(url=request.form["callback"], json={})
    with requests.Session() as session:
        # ruleid: python.ssrf-requests
        session.get(request.args["next"])
    return "ok"


@app.route("/status")
def status():
    name = request.args.get("service")
    # ok: python.ssrf-requests
    requests.get("https://status.example.com/api", params={"q": name}, timeout=5)
    # ok: python.ssrf-requests
    return requests.get("https://status.example.com/api/" + name, timeout=5).text


@app.route("/checked")
def checked():
    url = request.args.get("url", "")
    if urllib.parse.urlparse(url).netloc not in ALLOWED_HOSTS:
        abort(400)
    # ok: python.ssrf-requests
    return requests.get(url, timeout=5).text
