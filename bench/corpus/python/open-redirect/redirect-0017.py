"""Send the user to the site of their region."""

from flask import Flask, redirect, request


app = Flask(__name__)


@app.route("/regions/switch")
def switch_region():
    region = request.cookies.get("region", "")
    destination = "https://{}/welcome".format(region)
    return redirect(destination)
