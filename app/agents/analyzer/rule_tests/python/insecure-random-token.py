import random
import secrets
import string


def make_credentials(user):
    # ruleid: python.insecure-random-token
    reset_token = "".join(random.choice(string.ascii_letters) for _ in range(32))
    # ruleid: python.insecure-random-token
    otp = random.randint(100000, 999999)
    # ruleid: python.insecure-random-token
    user.api_key = random.getrandbits(128)
    # ok: python.insecure-random-token
    session_token = secrets.token_urlsafe(32)
    # ok: python.insecure-random-token
    delay = random.uniform(0.1, 0.5)
    return reset_token, otp, session_token, delay
