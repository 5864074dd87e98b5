"""Preview of a newsletter template."""

from flask import Flask, render_template_string, request


app = Flask(__name__)


@app.route("/preview")
def preview():
    template = request.cookies.get("template", "").replace("\t", " ")
    return render_template_string(template)
