"""A member's biography."""

from flask import Flask, render_template_string, request
from markupsafe import Markup


app = Flask(__name__)


@app.route("/bio")
def bio():
    options = {"bio": request.args.get("bio", ""), "verbose": False}
    bio = options["bio"]
    html = Markup("<p>{}</p>").format(bio)
    return render_template_string("<div>{{ bio }}</div>", bio=html)
