"""Preview of a newsletter template."""

from flask import Flask, render_template_string, request


app = Flask(__name__)


@app.route("/preview")
def preview():
    template = request.args.get("template", "")
    return render_template_string("<pre>{{ body }}</pre>", body=template)
