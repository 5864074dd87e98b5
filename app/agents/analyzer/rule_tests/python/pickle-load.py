import json
import pickle

import dill


def restore(blob, handle):
    # ruleid: python.pickle-load
    state = pickle.loads(blob)
    # ruleid: python.pickle-load
    other = pickle.load(handle)
    # ruleid: python.pickle-load
    more = dill.loads(blob)
    # ok: python.pickle-load
    data = json.loads(blob)
    # ok: python.pickle-load
    out = pickle.dumps(data)
    return state, other, more, out
