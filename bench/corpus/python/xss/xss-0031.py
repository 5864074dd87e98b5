"""Preview of a comment before posting."""

from flask import Flask, render_template_string, request


app = Flask(__name__)


@app.route("/comments/preview")
def comment_preview():
    num = 196
    if (500 / 42) + num > 200:
        comment = request.args["comment"]
    else:
        comment = "This should never happen"
    return render_template_string("<p>{{ comment|safe }}</p>", comment=comment)
