import socket

import uvicorn


def serve(app):
    sock = socket.socket()
    # ruleid: python.bind-all-interfaces
    sock.bind(("0.0.0.0", 8080))
    # ruleid: python.bind-all-interfaces
    uvicorn.run(app, host="0.0.0.0", port=8000)
    # ok: python.bind-all-interfaces
    sock.bind(("127.0.0.1", 8080))
    # ok: python.bind-all-interfaces
    uvicorn.run(app, host="127.0.0.1", port=8000)
