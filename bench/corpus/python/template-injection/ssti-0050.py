"""Preview of a newsletter template."""

from flask import Flask, render_template_string, request


app = Flask(__name__)


@app.route("/preview", methods=["POST"])
def preview():
    values = [request.get_json()["template"]]
    template = values[0]
    return render_template_string("<pre>{{ body }}</pre>", body=template)
