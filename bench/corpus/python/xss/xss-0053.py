"""A member's biography."""

from flask import Flask, render_template_string
from markupsafe import Markup


app = Flask(__name__)


def normalise_bio(value: str) -> str:
    return value.strip()


@app.route("/bio/<bio>")
def bio(bio: str):
    bio = normalise_bio(bio)
    html = "<p>{}</p>".format(bio)
    return render_template_string("<div>{{ bio }}</div>", bio=Markup(html))
