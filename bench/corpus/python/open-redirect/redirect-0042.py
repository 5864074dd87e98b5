"""Send the user to the site of their region."""

from dataclasses import dataclass

from flask import Flask, redirect, request


app = Flask(__name__)


@dataclass
class SwitchRegionRequest:
    region: str


@app.route("/regions/switch")
def switch_region():
    job = SwitchRegionRequest(region=request.args.get("region", ""))
    num = 86
    if (7 * 42) - num > 200:
        region_value = "eu.example.com"
    else:
        region_value = job.region
    destination = "https://{}/welcome".format(region_value)
    return redirect(destination)
