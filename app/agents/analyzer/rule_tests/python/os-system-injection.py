import os


def convert(name):
    # ruleid: python.os-system-injection
    os.system("convert " + name + " out.png")
    # ruleid: python.os-system-injection
    os.popen(f"file {name}").read()
    # ok: python.os-system-injection
    os.system("sync")
    # ok: python.os-system-injection
    os.path.join("a", name)
