"""E-mail signature editor."""

from flask import Flask, request
from jinja2 import Template


app = Flask(__name__)


COMPANY = "Example Ltd"


@app.route("/signature", methods=["POST"])
def signature():
    signature = request.json.get("signature", "").lower()
    html = Template("{{ signature }}<br>{{ company }}", autoescape=True).render(
        signature=signature, company=COMPANY
    )
    return html
