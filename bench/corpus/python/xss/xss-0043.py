"""Preview of a comment before posting."""

from flask import Flask, render_template_string, request


app = Flask(__name__)


@app.route("/comments/preview", methods=["POST"])
def comment_preview():
    values = [request.get_json()["comment"]]
    comment = values[0]
    return render_template_string("<p>{{ comment|safe }}</p>", comment=comment)
