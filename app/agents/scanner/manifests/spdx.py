"""Licence values from manifest metadata turned into SPDX ids: SPDX ids and expressions as
written, Trove classifiers and the common long names used by Maven POMs."""

from __future__ import annotations

import re

from app.models.scan import License

_SPDX_IDS = {
    "0BSD", "AFL-3.0", "AGPL-3.0", "AGPL-3.0-only", "AGPL-3.0-or-later", "Apache-1.1",
    "Apache-2.0", "Artistic-2.0", "BlueOak-1.0.0", "BSD-1-Clause", "BSD-2-Clause",
    "BSD-3-Clause", "BSD-3-Clause-Clear", "BSD-4-Clause", "BSL-1.0", "CC-BY-4.0",
    "CC-BY-SA-4.0", "CC0-1.0", "CDDL-1.0", "CDDL-1.1", "EPL-1.0", "EPL-2.0", "EUPL-1.1",
    "EUPL-1.2", "GPL-2.0", "GPL-2.0-only", "GPL-2.0-or-later", "GPL-3.0", "GPL-3.0-only",
    "GPL-3.0-or-later", "ISC", "LGPL-2.0", "LGPL-2.0-only", "LGPL-2.0-or-later", "LGPL-2.1",
    "LGPL-2.1-only", "LGPL-2.1-or-later", "LGPL-3.0", "LGPL-3.0-only", "LGPL-3.0-or-later",
    "MIT", "MIT-0", "MPL-1.1", "MPL-2.0", "MS-PL", "MS-RL", "NCSA", "OFL-1.1", "OSL-3.0",
    "PHP-3.01", "PostgreSQL", "PSF-2.0", "Python-2.0", "Ruby", "Unicode-3.0", "Unlicense",
    "UPL-1.0", "WTFPL", "Zlib", "ZPL-2.1",
}  # fmt: skip
_BY_LOWER = {spdx_id.lower(): spdx_id for spdx_id in _SPDX_IDS}

_NAMES = {
    "apache 2": "Apache-2.0",
    "apache 2.0": "Apache-2.0",
    "apache license 2.0": "Apache-2.0",
    "apache license, version 2.0": "Apache-2.0",
    "apache license version 2.0": "Apache-2.0",
    "the apache license, version 2.0": "Apache-2.0",
    "the apache software license, version 2.0": "Apache-2.0",
    "apache software license": "Apache-2.0",
    "mit license": "MIT",
    "the mit license": "MIT",
    "mit": "MIT",
    "bsd": "BSD-3-Clause",
    "new bsd license": "BSD-3-Clause",
    "bsd license": "BSD-3-Clause",
    "the bsd license": "BSD-3-Clause",
    "bsd 3-clause license": "BSD-3-Clause",
    "bsd 2-clause license": "BSD-2-Clause",
    "simplified bsd license": "BSD-2-Clause",
    "eclipse public license 2.0": "EPL-2.0",
    "eclipse public license - v 2.0": "EPL-2.0",
    "eclipse public license - v 1.0": "EPL-1.0",
    "eclipse public license 1.0": "EPL-1.0",
    "mozilla public license 2.0": "MPL-2.0",
    "mozilla public license, version 2.0": "MPL-2.0",
    "gnu general public license v3.0": "GPL-3.0-only",
    "gnu general public license v2.0": "GPL-2.0-only",
    "gnu lesser general public license v3.0": "LGPL-3.0-only",
    "gnu lesser general public license v2.1": "LGPL-2.1-only",
    "gnu affero general public license v3.0": "AGPL-3.0-only",
    "isc license": "ISC",
    "the unlicense": "Unlicense",
    "unlicense": "Unlicense",
    "public domain": "Unlicense",
    "cc0": "CC0-1.0",
    "mpl 2.0": "MPL-2.0",
}

_CLASSIFIERS = {
    "MIT License": "MIT",
    "MIT No Attribution License (MIT-0)": "MIT-0",
    "Apache Software License": "Apache-2.0",
    "BSD License": "BSD-3-Clause",
    "ISC License (ISCL)": "ISC",
    "GNU General Public License v2 (GPLv2)": "GPL-2.0-only",
    "GNU General Public License v2 or later (GPLv2+)": "GPL-2.0-or-later",
    "GNU General Public License v3 (GPLv3)": "GPL-3.0-only",
    "GNU General Public License v3 or later (GPLv3+)": "GPL-3.0-or-later",
    "GNU Lesser General Public License v2 (LGPLv2)": "LGPL-2.0-only",
    "GNU Lesser General Public License v2 or later (LGPLv2+)": "LGPL-2.0-or-later",
    "GNU Lesser General Public License v3 (LGPLv3)": "LGPL-3.0-only",
    "GNU Lesser General Public License v3 or later (LGPLv3+)": "LGPL-3.0-or-later",
    "GNU Affero General Public License v3": "AGPL-3.0-only",
    "GNU Affero General Public License v3 or later (AGPLv3+)": "AGPL-3.0-or-later",
    "Mozilla Public License 2.0 (MPL 2.0)": "MPL-2.0",
    "Eclipse Public License 2.0 (EPL-2.0)": "EPL-2.0",
    "Python Software Foundation License": "PSF-2.0",
    "The Unlicense (Unlicense)": "Unlicense",
    "Boost Software License 1.0 (BSL-1.0)": "BSL-1.0",
    "zlib/libpng License": "Zlib",
    "Universal Permissive License (UPL)": "UPL-1.0",
}

_EXPRESSION_WORDS = {"and", "or", "with"}
_LEXEMES = re.compile(r"[()]|[^\s()]+")
# Exceptions after WITH (e.g. LLVM-exception) are free-form ids; only their shape is checked.
_EXCEPTION_ID = re.compile(r"[A-Za-z0-9.+-]+-exception")


def spdx_from_value(value: str) -> str | None:
    """An SPDX id or expression for a licence field's value, or None if it is free text."""
    text = value.strip()
    if not text:
        return None
    named = _NAMES.get(text.lower())
    if named is not None:
        return named
    parts: list[str] = []
    for lexeme in _LEXEMES.findall(text):
        lowered = lexeme.lower()
        if lexeme in "()":
            parts.append(lexeme)
        elif lowered in _EXPRESSION_WORDS:
            parts.append(lowered.upper())
        elif lowered.rstrip("+") in _BY_LOWER:
            parts.append(_BY_LOWER[lowered.rstrip("+")] + ("+" if lexeme.endswith("+") else ""))
        elif lowered.startswith("licenseref-") or _EXCEPTION_ID.fullmatch(lexeme):
            parts.append(lexeme)
        else:
            return None
    return " ".join(parts).replace("( ", "(").replace(" )", ")")


def spdx_from_classifier(classifier: str) -> str | None:
    """``License :: OSI Approved :: MIT License`` -> ``MIT``."""
    if not classifier.startswith("License ::"):
        return None
    return _CLASSIFIERS.get(classifier.rsplit("::", 1)[-1].strip())


def manifest_license(value: str, path: str) -> License | None:
    spdx_id = spdx_from_value(value)
    return None if spdx_id is None else License(spdx_id=spdx_id, path=path, source="manifest")
