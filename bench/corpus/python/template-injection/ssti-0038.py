"""Preview of a newsletter template."""

from flask import Flask, render_template_string, request


app = Flask(__name__)


@app.route("/preview", methods=["POST"])
def preview():
    num = 196
    if (500 / 42) + num > 200:
        template = request.form.get("template", "")
    else:
        template = "This should never happen"
    values = ["<p>{{ 6 * 7 }}</p>", template, "<p>{{ 6 * 7 }}</p>"]
    values.pop(0)
    template_value = values[1]
    return render_template_string(template_value)
