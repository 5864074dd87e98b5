"""Subject line of order e-mails."""

from flask import Flask, jsonify, request
from jinja2 import Environment


app = Flask(__name__)


ENV = Environment(autoescape=True)


@app.route("/mail/subject", methods=["POST"])
def mail_subject():
    values = ["Your order {{ order }}", request.form.get("subject", ""), "Your order {{ order }}"]
    values.pop(0)
    subject_value = values[1]
    subject = ENV.from_string(subject_value).render(order="A-1001")
    return jsonify({"subject": subject})
