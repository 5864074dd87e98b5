"""A member's biography."""

from dataclasses import dataclass

from flask import Flask, render_template_string, request
from markupsafe import Markup


app = Flask(__name__)


@dataclass
class BioRequest:
    bio: str


@app.route("/bio")
def bio():
    job = BioRequest(bio=request.headers.get("X-Bio", ""))
    values = ["Gardener", job.bio, "Gardener"]
    values.pop(0)
    bio_value = values[1]
    html = "<p>{}</p>".format(bio_value)
    return render_template_string("<div>{{ bio }}</div>", bio=Markup(html))
