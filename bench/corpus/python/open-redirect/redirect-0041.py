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
    destination = "https://{}/welcome".format(job.region)
    return redirect(destination)
