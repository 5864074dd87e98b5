import os

from flask import Flask

app = Flask(__name__)

if __name__ == "__main__":
    # ruleid: python.flask-debug
    app.run(host="127.0.0.1", debug=True)
    # ruleid: python.flask-debug
    app.debug = True
    # ok: python.flask-debug
    app.run(debug=os.environ.get("FLASK_DEBUG") == "1")
    # ok: python.flask-debug
    app.run(debug=False)
