import hashlib
import hmac


def store(user, password, data, key, payload):
    # ruleid: python.weak-hash
    user.password_hash = hashlib.md5(password.encode()).hexdigest()
    # ruleid: python.weak-hash
    token = hashlib.sha1(data).hexdigest()
    # ruleid: python.weak-hash
    print(hashlib.md5(password).hexdigest())
    # ruleid: python.weak-hash
    digest = hashlib.new("md5", password.encode())
    # ok: python.weak-hash
    etag = hashlib.md5(data).hexdigest()
    # ok: python.weak-hash
    secure = hashlib.sha256(password.encode()).hexdigest()
    # ok: python.weak-hash
    cache_token = hashlib.md5(data, usedforsecurity=False).hexdigest()
    # ok: python.weak-hash
    signature = hmac.new(key, payload, hashlib.sha256).hexdigest()
    return token, digest, etag, secure, cache_token, signature


def hash_password(raw):
    # ruleid: python.weak-hash
    return hashlib.md5(raw.encode()).hexdigest()
