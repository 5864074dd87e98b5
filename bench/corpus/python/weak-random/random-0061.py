"""Shuffle a playlist."""

import random

from flask import Flask, jsonify, request


app = Flask(__name__)


PLAYLISTS = {"focus": ["Intro", "Rain", "Deep work"]}


def shuffled(tracks: list[str]) -> list[str]:
    order = list(tracks)
    random.shuffle(order)
    return order


@app.route("/playlists/shuffle")
def shuffle_playlist():
    playlist = request.args.get("playlist", "")
    tracks = shuffled(PLAYLISTS.get(playlist, []))
    return jsonify({"tracks": tracks})
