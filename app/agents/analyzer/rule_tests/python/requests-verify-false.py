import requests


def fetch(url):
    # ruleid: python.requests-verify-false
    requests.get(url, timeout=5, verify=False)
    session = requests.Session()
    # ruleid: python.requests-verify-false
    session.verify = False
    # ok: python.requests-verify-false
    requests.get(url, timeout=5)
    # ok: python.requests-verify-false
    requests.post(url, timeout=5, verify="/etc/ssl/certs/ca.pem")
