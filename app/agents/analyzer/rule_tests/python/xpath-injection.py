import xml.etree.ElementTree as ET

from flask import Flask, request
from lxml import etree

app = Flask(__name__)


@app.route("/lookup")
def lookup():
    name = request.args.get("name", "")
    tree = etree.parse("users.xml")
    # ruleid: python.xpath-injection
    tree.xpath("//user[@name='" + name + "']/email/text()")
    # ok: python.xpath-injection
    tree.xpath("//user[@name=$name]/email/text()", name=name)
    # ruleid: python.xpath-injection
    finder = etree.XPath(f"//user[@name='{name}']")
    root = ET.parse("users.xml").getroot()
    # ruleid: python.xpath-injection
    root.findall(f".//user[@name='{name}']")
    # ok: python.xpath-injection
    root.findall(".//user")
    title = "report"
    # ok: python.xpath-injection
    title.find(name)
    return str(finder)
