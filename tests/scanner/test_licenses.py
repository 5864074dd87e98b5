"""Licences recognised by their text: real licence files copied from installed packages
(tests/scanner/licenses/), never by their file name."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.agents.scanner.licenses import detect_license, is_license_file, project_license
from app.models.scan import License

REAL = Path(__file__).parent / "licenses"
REFERENCES = Path(__file__).parents[2] / "app" / "agents" / "scanner" / "license_texts"


def real(name: str) -> str:
    return (REAL / name).read_text(encoding="utf-8")


def licence_file(path: str, spdx_id: str) -> License:
    return License(spdx_id=spdx_id, path=path, source="file", confidence=1.0)


@pytest.mark.parametrize(
    ("fixture", "spdx_id"),
    [
        ("pip-LICENSE.txt", "MIT"),
        ("flask-LICENSE.txt", "BSD-3-Clause"),
        ("lazy-object-proxy-LICENSE", "BSD-2-Clause"),
        ("packaging-LICENSE.BSD", "BSD-2-Clause"),
        ("packaging-LICENSE.APACHE", "Apache-2.0"),
        ("pathspec-LICENSE", "MPL-2.0"),
        ("pygit2-COPYING", "GPL-2.0"),
        ("autocommand-LICENSE", "LGPL-3.0"),
        ("defusedxml-LICENSE", "PSF-2.0"),
        ("npmcli-package-json-LICENSE", "ISC"),
        ("pythoncapi-compat-COPYING", "0BSD"),
        ("libdivide-LICENSE.txt", "Zlib"),
        ("minimatch-LICENSE.md", "BlueOak-1.0.0"),
    ],
)
def test_real_licence_files_are_recognised_by_their_text(fixture: str, spdx_id: str) -> None:
    licence = detect_license("LICENSE", real(fixture))

    assert licence is not None
    assert licence.spdx_id == spdx_id
    assert licence.source == "file"
    assert licence.path == "LICENSE"
    assert licence.confidence >= 0.85


def test_bsd_two_clause_and_three_clause_are_told_apart() -> None:
    three = detect_license("LICENSE", real("flask-LICENSE.txt"))
    clause_removed = real("flask-LICENSE.txt").replace(
        "3.  Neither the name of the copyright holder nor the names of its\n"
        "    contributors may be used to endorse or promote products derived from\n"
        "    this software without specific prior written permission.\n",
        "",
    )
    two = detect_license("LICENSE", clause_removed)

    assert clause_removed != real("flask-LICENSE.txt")
    assert three is not None and three.spdx_id == "BSD-3-Clause"
    assert two is not None and two.spdx_id == "BSD-2-Clause"


def test_gpl_versions_and_the_lesser_gpl_are_told_apart() -> None:
    found = {
        name: detect_license("COPYING", (REFERENCES / f"{name}.txt").read_text(encoding="utf-8"))
        for name in ("GPL-2.0", "GPL-3.0", "LGPL-2.1", "LGPL-3.0", "AGPL-3.0")
    }

    assert {name: lic.spdx_id if lic else None for name, lic in found.items()} == {
        "GPL-2.0": "GPL-2.0",
        "GPL-3.0": "GPL-3.0",
        "LGPL-2.1": "LGPL-2.1",
        "LGPL-3.0": "LGPL-3.0",
        "AGPL-3.0": "AGPL-3.0",
    }


def test_a_gpl_text_followed_by_the_lgpl_permissions_is_the_lgpl() -> None:
    gpl = (REFERENCES / "GPL-3.0.txt").read_text(encoding="utf-8")

    licence = detect_license("COPYING", gpl + "\n\n" + real("autocommand-LICENSE"))

    assert licence is not None and licence.spdx_id == "LGPL-3.0"


def test_apache_followed_by_bundled_third_party_licences_is_apache() -> None:
    licence = detect_license("LICENSE", real("grpcio-LICENSE"))

    assert licence is not None and licence.spdx_id == "Apache-2.0"


def test_the_licence_at_the_top_wins_over_a_longer_bundled_one() -> None:
    numpy = detect_license("LICENSE.txt", real("numpy-LICENSE.txt"))
    libffi = detect_license("LICENSE", real("libffi-LICENSE"))

    assert "GNU GENERAL PUBLIC LICENSE" in real("numpy-LICENSE.txt")
    assert numpy is not None and numpy.spdx_id == "BSD-3-Clause"
    assert libffi is not None and libffi.spdx_id == "MIT"


def test_markdown_and_a_different_copyright_line_do_not_change_the_answer() -> None:
    markdown = "# The MIT License (MIT)\n\n**Copyright © 2021 Jane Doe**\n\n" + "\n".join(
        real("pip-LICENSE.txt").splitlines()[2:]
    )

    licence = detect_license("LICENSE.md", markdown)

    assert licence is not None and licence.spdx_id == "MIT"


def test_the_apache_short_notice_is_recognised() -> None:
    notice = (
        "Copyright 2011 Sybren A. Stuvel <sybren@stuvel.eu>\n\n"
        'Licensed under the Apache License, Version 2.0 (the "License");\n'
        "you may not use this file except in compliance with the License.\n"
        "You may obtain a copy of the License at\n\n"
        "    https://www.apache.org/licenses/LICENSE-2.0\n\n"
        "Unless required by applicable law or agreed to in writing, software\n"
        'distributed under the License is distributed on an "AS IS" BASIS,\n'
        "WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.\n"
        "See the License for the specific language governing permissions and\n"
        "limitations under the License.\n"
    )

    licence = detect_license("LICENSE", notice)

    assert licence is not None and licence.spdx_id == "Apache-2.0"


def test_a_pointer_to_other_licence_files_and_prose_are_not_licences() -> None:
    assert detect_license("LICENSE", real("packaging-LICENSE")) is None
    assert detect_license("LICENSE", "This project has no licence yet. Ask us.") is None
    assert detect_license("LICENSE", "") is None


@pytest.mark.parametrize(
    "relpath",
    [
        "LICENSE", "LICENSE.md", "LICENSE.txt", "LICENCE", "license.rst", "COPYING",
        "COPYING.LESSER", "UNLICENSE", "LICENSE-MIT", "LICENSE-APACHE", "LICENSE.APACHE",
        "LICENSE.BSD", "packages/core/LICENSE", "LICENSES/Apache-2.0.txt", "MIT-LICENSE",
    ],
)  # fmt: skip
def test_licence_file_names_are_recognised(relpath: str) -> None:
    assert is_license_file(relpath)


@pytest.mark.parametrize(
    "relpath",
    [
        "license.py", "src/licenses.ts", "LICENSE-THIRD-PARTY", "LICENSE.header",
        "ThirdPartyNotices.txt", "README.md", "copy.go", "docs/licensing.md",
    ],
)  # fmt: skip
def test_code_and_third_party_notices_are_not_licence_files(relpath: str) -> None:
    assert not is_license_file(relpath)


def test_licence_mit_and_licence_apache_at_the_root_make_a_choice() -> None:
    licenses = [
        licence_file("LICENSE-APACHE", "Apache-2.0"),
        licence_file("LICENSE-MIT", "MIT"),
        License(spdx_id="MIT OR Apache-2.0", path="Cargo.toml", source="manifest"),
    ]

    assert project_license(licenses) == "MIT OR Apache-2.0"


def test_packaging_dual_licence_files_become_an_or_expression() -> None:
    licenses = [
        detect_license(name, real(f"packaging-{name}"))
        for name in ("LICENSE", "LICENSE.APACHE", "LICENSE.BSD")
    ]

    assert project_license([lic for lic in licenses if lic]) == "Apache-2.0 OR BSD-2-Clause"


def test_copying_and_copying_lesser_make_the_project_lgpl() -> None:
    licenses = [licence_file("COPYING", "GPL-3.0"), licence_file("COPYING.LESSER", "LGPL-3.0")]

    assert project_license(licenses) == "LGPL-3.0"


def test_root_files_win_over_manifests_and_subfolders() -> None:
    licenses = [
        License(spdx_id="Apache-2.0", path="package.json", source="manifest"),
        licence_file("vendor/lib/LICENSE", "BSD-3-Clause"),
        licence_file("LICENSE", "MIT"),
    ]

    assert project_license(licenses) == "MIT"


def test_root_manifest_metadata_is_used_when_no_licence_file_is_recognised() -> None:
    licenses = [
        License(spdx_id="MIT", path="packages/web/package.json", source="manifest"),
        License(spdx_id="Apache-2.0", path="pyproject.toml", source="manifest"),
        licence_file("packages/web/LICENSE", "MIT"),
    ]

    assert project_license(licenses) == "Apache-2.0"


def test_reuse_licences_folder_lists_every_licence_in_use() -> None:
    licenses = [
        licence_file("LICENSES/CC0-1.0.txt", "CC0-1.0"),
        licence_file("LICENSES/MIT.txt", "MIT"),
    ]

    assert project_license(licenses) == "MIT AND CC0-1.0"


def test_no_licence_anywhere_gives_none() -> None:
    assert project_license([]) is None
    assert project_license([licence_file("third_party/x/LICENSE", "MIT")]) is None


def test_every_reference_text_recognises_itself() -> None:
    for path in sorted(REFERENCES.glob("*.txt")):
        licence = detect_license("LICENSE", path.read_text(encoding="utf-8"))

        assert licence is not None, path.name
        assert licence.spdx_id == path.stem.partition("+")[0], path.name
