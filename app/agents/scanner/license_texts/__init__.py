"""Reference licence texts (data only): one file per SPDX id, read by ``licenses.py``."""
