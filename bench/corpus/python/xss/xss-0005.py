"""A member's biography."""

from flask import Flask, render_template_string, request
from markupsafe import Markup


app = Flask(__name__)


@app.route("/bio", methods=["POST"])
def bio():
    values = [request.form["bio"]]
    bio = values[0]
    html = "<p>{}</p>".format(bio)
    return render_template_string("<div>{{ bio }}</div>", bio=Markup(html))
