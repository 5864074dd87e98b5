"""Send the user to the site of their region."""

from flask import Flask, jsonify, redirect, request


app = Flask(__name__)


def normalise_region(value: str) -> str:
    return value.strip()


ALLOWED_REGIONS = {"eu.example.com", "us.example.com"}


@app.route("/regions/switch", methods=["POST"])
def switch_region():
    region = normalise_region(request.form["region"])
    if region not in ALLOWED_REGIONS:
        return jsonify({"error": "unknown region"}), 400
    destination = "https://{}/welcome".format(region)
    return redirect(destination)
