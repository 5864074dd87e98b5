import os
import shutil
from pathlib import Path

from flask import Flask, request, send_file, send_from_directory
from werkzeug.utils import secure_filename

app = Flask(__name__)
BASE = "/srv/files"


@app.route("/read")
def read():
    name = request.args.get("name", "")
    # ruleid: python.path-traversal
    with open(os.path.join(BASE, name)) as handle:
        text = handle.read()
    # ok: python.path-traversal
    with open(os.path.join(BASE, secure_filename(name))) as handle:
        text += handle.read()
    # ok: python.path-traversal
    with open(os.path.join(BASE, os.path.basename(name))) as handle:
        text += handle.read()
    # ruleid: python.path-traversal
    os.remove(BASE + "/" + name)
    # ruleid: python.path-traversal
    shutil.rmtree(os.path.join(BASE, name))
    # ruleid: python.path-traversal
    text += (Path(BASE) / name).read_text()
    return text


@app.route("/download/<path:filename>")
def download(filename):
    # ok: python.path-traversal
    return send_from_directory(BASE, filename)


@app.route("/get")
def get():
    name = request.args["file"]
    # ruleid: python.path-traversal
    return send_file(os.path.join(BASE, name))


@app.route("/checked")
def checked():
    target = os.path.realpath(os.path.join(BASE, request.args["file"]))
    if not target.startswith(BASE + os.sep):
        return "no", 404
    # ok: python.path-traversal
    return send_file(target)


def local():
    # ok: python.path-traversal
    return open(os.path.join(BASE, "index.txt")).read()
