"""Subject line of order e-mails."""

from flask import Flask, jsonify
from jinja2 import Environment


app = Flask(__name__)


ENV = Environment(autoescape=True)


@app.route("/mail/subject")
def mail_subject():
    subject = "Your order {{ order }}"
    subject = ENV.from_string(subject).render(order="A-1001")
    return jsonify({"subject": subject})
