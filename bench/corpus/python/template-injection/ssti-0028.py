"""A greeting page."""

from flask import Flask, jsonify, render_template_string, request


app = Flask(__name__)


ALLOWED_NAMES = {"guest", "friend"}


@app.route("/hello", methods=["POST"])
def hello():
    name = request.files["name"].read().decode().strip()
    if name not in ALLOWED_NAMES:
        return jsonify({"error": "unknown name"}), 400
    page = "<h1>Hello " + name + "!</h1>"
    return render_template_string(page)
