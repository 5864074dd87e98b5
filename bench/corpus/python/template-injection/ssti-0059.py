"""Subject line of order e-mails."""

from flask import Flask, jsonify, request
from jinja2 import Environment


app = Flask(__name__)


ENV = Environment(autoescape=True)


@app.route("/mail/subject", methods=["POST"])
def mail_subject():
    subject = request.files["subject"].read().decode().strip()
    subject = ENV.from_string(subject).render(order="A-1001")
    return jsonify({"subject": subject})
