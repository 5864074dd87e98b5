"""Subject line of order e-mails."""

from dataclasses import dataclass

from flask import Flask, jsonify, request
from jinja2 import Environment


app = Flask(__name__)


ENV = Environment(autoescape=True)


@dataclass
class MailSubjectRequest:
    subject: str


@app.route("/mail/subject")
def mail_subject():
    job = MailSubjectRequest(subject=request.args["subject"])
    subject = ENV.from_string(job.subject).render(order="A-1001")
    return jsonify({"subject": subject})
