"""Shuffle a playlist."""

import random

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST


PLAYLISTS = {"focus": ["Intro", "Rain", "Deep work"]}


def shuffled(tracks: list[str]) -> list[str]:
    order = list(tracks)
    random.shuffle(order)
    return order


@require_POST
def shuffle_playlist(request: HttpRequest):
    values = [request.POST.get("playlist", "")]
    playlist = values[0]
    tracks = shuffled(PLAYLISTS.get(playlist, []))
    return JsonResponse({"tracks": tracks})
