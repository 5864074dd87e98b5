import requests
from flask import Flask, request

app = Flask(__name__)


@app.route("/preview")
def preview():
    url = request.args.get("url")
    # ruleid: python.ssrf-requests
    return requests.get(url, timeout=5).text


@app.route("/status")
def status():
    name = request.args.get("service")
    # ok: python.ssrf-requests
    return requests.get("https://status.example.com/api", params={"q": name}, timeout=5).text
