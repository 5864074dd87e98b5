from flask import Flask, request, session

app = Flask(__name__)
ALLOWED_THEMES = {"light", "dark"}


@app.route("/prefs", methods=["POST"])
def prefs():
    # ruleid: python.trust-boundary-session
    session["role"] = request.form["role"]
    theme = request.form.get("theme", "")
    if theme in ALLOWED_THEMES:
        # ok: python.trust-boundary-session
        session["theme"] = theme
    # ok: python.trust-boundary-session
    session["visits"] = session.get("visits", 0) + 1
    return "ok"


def django_view(request):
    # ruleid: python.trust-boundary-session
    request.session["cart"] = request.POST.get("cart")
    # ok: python.trust-boundary-session
    request.session["page_size"] = int(request.POST.get("size", "20"))
