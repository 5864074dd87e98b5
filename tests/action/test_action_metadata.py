"""``actions/action.yml`` and the README's example workflow, checked against GitHub's schemas and
against the script-injection pattern GitHub warns about."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import yaml

from tests.action.conftest import FIXTURES

ACTION_DIR = Path(__file__).parents[2] / "actions"
EXPECTED_INPUTS = {
    "fail-on",
    "base",
    "sarif-file",
    "config",
    "annotations",
    "comment",
    "github-token",
    "tools",
    "rules-dir",
}


class _Yaml12Loader(yaml.SafeLoader):
    """YAML as GitHub reads it (1.2 core schema): ``on``, ``yes`` and ``off`` are strings."""


_Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def load_yaml(text: str) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.load(text, Loader=_Yaml12Loader)  # noqa: S506
    return loaded


def load_action() -> dict[str, Any]:
    return load_yaml((ACTION_DIR / "action.yml").read_text())


def schema(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((FIXTURES / "schemas" / name).read_text())
    return loaded


def readme_workflow() -> dict[str, Any]:
    text = (ACTION_DIR.parent / "README.md").read_text()
    section = text.split("## GitHub Action", 1)[1].split("### Example workflow", 1)[1]
    match = re.search(r"```yaml\n(.*?)```", section, re.DOTALL)
    assert match is not None
    return load_yaml(match.group(1))


def test_action_metadata_is_valid_against_the_schema() -> None:
    action = load_action()
    jsonschema.validate(action, schema("github-action.json"))
    assert {"name", "description", "branding"} <= action.keys()
    assert set(action["inputs"]) == EXPECTED_INPUTS
    assert set(action["outputs"]) == {"findings", "new-findings", "health-score", "sarif-file"}
    assert action["inputs"]["sarif-file"]["default"] == "vibe.sarif"
    assert action["inputs"]["config"]["default"] == ".github/vibe.yml"
    assert action["inputs"]["annotations"]["default"] == "true"
    assert action["inputs"]["comment"]["default"] == "false"


def test_inputs_reach_the_entry_point_only_through_env() -> None:
    steps = load_action()["runs"]["steps"]
    for step in steps:
        assert "${{" not in step.get("run", ""), step.get("name")
    last = steps[-1]
    assert last["run"].strip() == "vibe action"
    passed = {
        match
        for value in last["env"].values()
        for match in re.findall(r"\$\{\{\s*inputs\.([a-z-]+)\s*\}\}", value)
    }
    assert passed == EXPECTED_INPUTS
    assert set(last["env"]) == {f"INPUT_{name.upper().replace('-', '_')}" for name in passed}


def test_outputs_come_from_the_entry_point_step() -> None:
    action = load_action()
    step_id = action["runs"]["steps"][-1]["id"]
    for name, output in action["outputs"].items():
        assert output["value"] == f"${{{{ steps.{step_id}.outputs.{name} }}}}"


def test_the_package_is_installed_from_the_action_folder() -> None:
    steps = load_action()["runs"]["steps"]
    setup = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python@"))
    assert re.fullmatch(r"actions/setup-python@v\d+", setup["uses"])
    install = next(s for s in steps if s.get("name") == "Install VibeIntelligence")
    assert install["run"] == 'bash "$GITHUB_ACTION_PATH/install.sh" install'
    assert install["env"]["PYTHON"] == "${{ steps.python.outputs.python-path }}"
    script = (ACTION_DIR / "install.sh").read_text()
    # The action's own checkout, without the server's extra.
    assert 'source_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"' in script
    assert 'pip install --quiet \\\n            --python "$venv/bin/python" "$source_dir"' in script


def test_the_environment_is_cached_under_the_key_the_script_computes() -> None:
    steps = load_action()["runs"]["steps"]
    names = [s.get("name") for s in steps]
    key, cache = steps[names.index("Cache key")], steps[names.index("Restore the environment")]
    assert names.index("Cache key") < names.index("Restore the environment")
    assert names.index("Restore the environment") < names.index("Install VibeIntelligence")
    assert 'install.sh" key' in key["run"]
    assert re.fullmatch(r"actions/cache@v\d+", cache["uses"])
    assert cache["with"]["key"] == "${{ steps.key.outputs.key }}"
    assert cache["with"]["path"] == "${{ runner.temp }}/vibeintelligence/venv"


def test_readme_workflow_is_valid_and_uploads_the_sarif() -> None:
    workflow = readme_workflow()
    jsonschema.validate(workflow, schema("github-workflow.json"))
    steps = workflow["jobs"]["analyze"]["steps"]
    assert steps[0]["uses"].startswith("actions/checkout@")
    assert steps[0]["with"]["fetch-depth"] == 0
    assert steps[1]["uses"] == "OWNER/vibeintelligence/actions@v1"
    upload = steps[2]
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert upload["with"]["sarif_file"] == "${{ steps.vibe.outputs.sarif-file }}"
    assert workflow["permissions"]["security-events"] == "write"
