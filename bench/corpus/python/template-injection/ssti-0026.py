"""Preview of a newsletter template."""

from flask import Flask, render_template_string


app = Flask(__name__)


@app.route("/preview/<template>")
def preview(template: str):
    template = template.lower()
    return render_template_string("<pre>{{ body }}</pre>", body=template)
