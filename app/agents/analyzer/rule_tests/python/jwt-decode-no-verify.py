import jwt


def claims(token, key):
    # ruleid: python.jwt-decode-no-verify
    a = jwt.decode(token, options={"verify_signature": False})
    # ruleid: python.jwt-decode-no-verify
    b = jwt.decode(token, key, verify=False)
    # ruleid: python.jwt-decode-no-verify
    c = jwt.decode(token, key, algorithms=["HS256", "none"])
    # ok: python.jwt-decode-no-verify
    d = jwt.decode(token, key, algorithms=["RS256"], audience="api")
    return a, b, c, d
