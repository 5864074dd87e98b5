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
    html = "<p>{}</p>".format(job.bio)
    return render_template_string("<div>{{ bio }}</div>", bio=Markup(html))
