import tempfile


def scratch():
    # ruleid: python.tempfile-mktemp
    name = tempfile.mktemp(suffix=".txt")
    # ok: python.tempfile-mktemp
    handle, path = tempfile.mkstemp(suffix=".txt")
    return name, handle, path
