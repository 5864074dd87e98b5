"""Git's smart HTTP protocol, served by ``git http-backend`` run as a CGI program.

The fake GitHub mounts repositories under ``/{owner}/{repo}.git`` exactly like github.com, so a
pygit2 fetch in a test walks the same code path (URL, basic auth through callbacks, refspecs)
as in production.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from aiohttp import web

# One request's pack is small in tests; a cap keeps a runaway CGI from eating memory.
_MAX_OUTPUT = 256 * 1024 * 1024


async def run_http_backend(
    request: web.Request, project_root: Path, path_info: str, remote_user: str
) -> web.Response:
    """Answer ``request`` by running ``git http-backend`` on ``project_root/path_info``."""
    body = await request.read()  # aiohttp has already undone any Content-Encoding: gzip
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(project_root),
        "GIT_PROJECT_ROOT": str(project_root),
        "GIT_HTTP_EXPORT_ALL": "1",
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "PATH_INFO": path_info,
        "QUERY_STRING": request.query_string,
        "REQUEST_METHOD": request.method,
        "CONTENT_TYPE": request.headers.get("Content-Type", ""),
        "CONTENT_LENGTH": str(len(body)),
        "REMOTE_USER": remote_user,
        "REMOTE_ADDR": request.remote or "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "GATEWAY_INTERFACE": "CGI/1.1",
    }
    if "Git-Protocol" in request.headers:
        env["GIT_PROTOCOL"] = request.headers["Git-Protocol"]
    process = await asyncio.create_subprocess_exec(
        "git",
        "http-backend",
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=env,
    )
    output, errors = await process.communicate(body)
    if len(output) > _MAX_OUTPUT:
        return web.Response(status=500, text="pack too large for the fake")
    return _cgi_response(output, errors)


def _cgi_response(output: bytes, errors: bytes) -> web.Response:
    head, separator, payload = output.partition(b"\r\n\r\n")
    if not separator:
        head, separator, payload = output.partition(b"\n\n")
    if not separator:
        return web.Response(status=500, text=f"git http-backend failed: {errors.decode()}")
    status = 200
    headers: dict[str, str] = {}
    for line in head.decode("latin-1").splitlines():
        name, _, value = line.partition(":")
        if name.lower() == "status":
            status = int(value.strip().split()[0])
        elif name:
            headers[name.strip()] = value.strip()
    return web.Response(status=status, body=payload, headers=headers)
