"""Send the user to the site of their region."""

from flask import Flask, redirect, request


app = Flask(__name__)


def normalise_region(value: str) -> str:
    return value.strip()


@app.route("/regions/switch", methods=["POST"])
def switch_region():
    region = normalise_region(request.form["region"])
    destination = "https://{}/welcome".format(region)
    return redirect(destination)
