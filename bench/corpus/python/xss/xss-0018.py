"""A member's biography."""

from flask import Flask, jsonify, render_template_string, request
from markupsafe import Markup


app = Flask(__name__)


ALLOWED_BIOS = {"Gardener", "Painter"}


@app.route("/bio", methods=["POST"])
def bio():
    bio = request.json.get("bio", "")
    if bio not in ALLOWED_BIOS:
        return jsonify({"error": "unknown bio"}), 400
    html = "<p>{}</p>".format(bio)
    return render_template_string("<div>{{ bio }}</div>", bio=Markup(html))
