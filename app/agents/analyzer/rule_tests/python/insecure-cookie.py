from flask import Flask, make_response

app = Flask(__name__)


@app.route("/login")
def login():
    response = make_response("ok")
    # ruleid: python.insecure-cookie
    response.set_cookie("session_id", "abc")
    # ruleid: python.insecure-cookie
    response.set_cookie("remember", "abc", secure=False, httponly=True)
    # ruleid: python.insecure-cookie
    response.set_cookie("remember", "abc", secure=True, httponly=True, samesite="None")
    # ok: python.insecure-cookie
    response.set_cookie("remember", "abc", secure=True, httponly=True, samesite="Lax")
    # ok: python.insecure-cookie
    response.set_cookie("remember", "", max_age=0)
    # ok: python.insecure-cookie
    response.set_cookie("remember", "abc", secure=app.config["SECURE"], httponly=True)
    return response
