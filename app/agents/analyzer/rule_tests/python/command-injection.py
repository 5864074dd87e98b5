import os
import shlex
import subprocess
import sys

from flask import Flask, request

app = Flask(__name__)


@app.route("/ping")
def ping():
    host = request.args.get("host", "")
    # ruleid: python.command-injection
    os.system("ping -c 1 " + host)
    # ruleid: python.command-injection
    subprocess.run(f"nslookup {host}", shell=True)
    # ok: python.command-injection
    subprocess.run(["ping", "-c", "1", "--", host], check=True)
    # ok: python.command-injection
    os.system("ping -c 1 " + shlex.quote(host))
    return "done"


@app.route("/tool/<name>")
def tool(name):
    # ruleid: python.command-injection
    subprocess.call([name, "--version"])
    count = int(request.args["count"])
    # ok: python.command-injection
    os.system("seq %d" % count)
    return "ok"


@app.route("/dead")
def dead_branch():
    param = request.args.get("p", "")
    if 7 * 18 < 200:
        command = "uptime"
    else:
        command = param
    # ok: python.command-injection
    os.system(command)
    live = "uptime" if 7 * 18 > 200 else param
    # ruleid: python.command-injection
    os.system(live)
    return "ok"


@app.route("/choice")
def choice():
    name = request.args.get("name", "")
    if name not in ("status", "version"):
        return "no", 400
    # ok: python.command-injection
    os.system("service app " + name)
    return "ok"


def cli():
    # ok: python.command-injection
    os.system("ls " + sys.argv[1])
