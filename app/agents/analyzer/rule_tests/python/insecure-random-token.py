import random
import secrets
import string

from flask import Flask, make_response, session

app = Flask(__name__)


def setup_account(user):
    # ruleid: python.insecure-random-token
    reset_token = "".join(random.choice(string.ascii_letters) for _ in range(32))
    # ruleid: python.insecure-random-token
    user.api_key = str(random.getrandbits(128))
    # ok: python.insecure-random-token
    session_token = secrets.token_urlsafe(32)
    # ok: python.insecure-random-token
    delay = random.uniform(0.5, 1.5)
    rng = random.SystemRandom()
    # ok: python.insecure-random-token
    password = "".join(rng.choice(string.ascii_letters) for _ in range(16))
    return reset_token, session_token, delay, password


def generate_otp():
    # ruleid: python.insecure-random-token
    return str(random.randint(100000, 999999))


@app.route("/visit")
def visit():
    response = make_response("ok")
    value = random.random()
    # ruleid: python.insecure-random-token
    response.set_cookie("sid", str(value), secure=True, httponly=True)
    # ruleid: python.insecure-random-token
    session["nonce"] = random.randint(0, 10**9)
    # ok: python.insecure-random-token
    session["greeting"] = "hello"
    return response
