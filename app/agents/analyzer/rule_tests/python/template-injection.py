import jinja2
from flask import Flask, render_template_string, request

app = Flask(__name__)


@app.route("/hello")
def hello():
    name = request.args.get("name", "")
    # ruleid: python.template-injection
    page = render_template_string("<p>Hello " + name + "</p>")
    # ok: python.template-injection
    page = render_template_string("<p>Hello {{ name }}</p>", name=name)
    # ruleid: python.template-injection
    jinja2.Template(request.form["tpl"]).render()
    env = jinja2.Environment(autoescape=True)
    # ruleid: python.template-injection
    env.from_string(name).render()
    # ok: python.template-injection
    env.from_string("{{ name }}").render(name=name)
    return page
