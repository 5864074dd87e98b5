import hashlib


def fingerprint(data, password):
    # ruleid: python.weak-hash
    a = hashlib.md5(password).hexdigest()
    # ruleid: python.weak-hash
    b = hashlib.sha1(data)
    # ruleid: python.weak-hash
    c = hashlib.new("md5", data)
    # ok: python.weak-hash
    d = hashlib.sha256(data).hexdigest()
    # ok: python.weak-hash
    e = hashlib.md5(data, usedforsecurity=False).hexdigest()
    return a, b, c, d, e
