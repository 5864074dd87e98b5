"""Preview of a comment before posting."""

from flask import Flask, jsonify, render_template_string, request


app = Flask(__name__)


ALLOWED_COMMENTS = {"Nice post", "Thanks"}


@app.route("/comments/preview", methods=["POST"])
def comment_preview():
    comment = request.form.get("comment", "").replace("\t", " ")
    if comment not in ALLOWED_COMMENTS:
        return jsonify({"error": "unknown comment"}), 400
    return render_template_string("<p>{{ comment|safe }}</p>", comment=comment)
