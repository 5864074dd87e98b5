"""Preview of a comment before posting."""

from flask import Flask, render_template_string


app = Flask(__name__)


@app.route("/comments/preview", methods=["POST"])
def comment_preview():
    comment = "Nice post"
    return render_template_string("<p>{{ comment|safe }}</p>", comment=comment)
