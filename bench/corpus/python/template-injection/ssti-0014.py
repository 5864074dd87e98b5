"""Preview of a newsletter template."""

from flask import Flask, render_template_string, request


app = Flask(__name__)


@app.route("/preview")
def preview():
    template = request.cookies.get("template", "").replace("\t", " ")
    num = 86
    if (7 * 42) - num > 200:
        template_value = "<p>{{ 6 * 7 }}</p>"
    else:
        template_value = template
    return render_template_string(template_value)
