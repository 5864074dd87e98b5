"""``vibe scan`` on a project locked by Yarn: the vulnerable transitive package is reported with
the chain from the direct dependency that pulls it in, in text and in SARIF."""

from __future__ import annotations

import json
from pathlib import Path

from .test_dependency_paths import YARN_V1_LOCK
from .test_scan_vulnerabilities import build_store, sarif_results, vibe

PACKAGE_JSON = """{
  "name": "web",
  "version": "1.0.0",
  "private": true,
  "dependencies": {
    "@babel/core": "^7.22.0"
  }
}
"""


def test_vibe_scan_shows_the_yarn_lock_chain_to_a_vulnerable_transitive_semver(
    tmp_path: Path,
) -> None:
    project = tmp_path / "web"
    project.mkdir()
    (project / "package.json").write_text(PACKAGE_JSON, encoding="utf-8")
    (project / "yarn.lock").write_text(YARN_V1_LOCK, encoding="utf-8")
    data_dir = tmp_path / "data"
    build_store(data_dir)

    as_text = vibe(data_dir, "scan", project, "--tools", "osv", "-q")
    as_sarif = vibe(data_dir, "scan", project, "--tools", "osv", "--format", "sarif", "-q")

    assert as_text.returncode == 0, as_text.stderr  # the advisory is moderate: a warning
    assert (
        "semver 6.3.0 (transitive) via @babel/core is affected by GHSA-c2qf-rxjj-qqgw"
        in as_text.stdout
    )
    [semver] = sarif_results(json.loads(as_sarif.stdout))
    assert semver["ruleId"] == "GHSA-c2qf-rxjj-qqgw"
    assert semver["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "yarn.lock"
    assert semver["properties"]["direct"] is False
    assert semver["properties"]["dependencyPath"] == ["@babel/core"]
    assert semver["properties"]["fixedVersion"] == "6.3.1"
