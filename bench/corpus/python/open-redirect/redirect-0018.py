"""Send the user to the site of their region."""

from flask import Flask, redirect


app = Flask(__name__)


@app.route("/regions/switch")
def switch_region():
    region = "eu.example.com"
    destination = "https://{}/welcome".format(region)
    return redirect(destination)
