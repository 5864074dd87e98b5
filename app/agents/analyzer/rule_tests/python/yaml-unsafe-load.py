import yaml
from yaml import SafeLoader


def read_config(text):
    # ruleid: python.yaml-unsafe-load
    a = yaml.load(text)
    # ruleid: python.yaml-unsafe-load
    b = yaml.load(text, Loader=yaml.Loader)
    # ruleid: python.yaml-unsafe-load
    c = yaml.load(text, yaml.FullLoader)
    # ruleid: python.yaml-unsafe-load
    d = yaml.unsafe_load(text)
    # ruleid: python.yaml-unsafe-load
    e = yaml.full_load(text)
    # ok: python.yaml-unsafe-load
    f = yaml.safe_load(text)
    # ok: python.yaml-unsafe-load
    g = yaml.load(text, Loader=yaml.SafeLoader)
    # ok: python.yaml-unsafe-load
    h = yaml.load(text, Loader=yaml.CSafeLoader)
    # ok: python.yaml-unsafe-load
    i = yaml.load(text, SafeLoader)
    return a, b, c, d, e, f, g, h, i
