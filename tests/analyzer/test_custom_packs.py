"""Custom rule packs, the pure parts: the configured paths, the rule-id prefixes, the in-place id
rewrite, and semgrep's errors (as semgrep 1.187 prints them) mapped to the user's file and line."""

from __future__ import annotations

import pytest
import yaml

from app.agents.analyzer.custom_packs import (
    PackError,
    RuleSite,
    StagedIndex,
    duplicate_ids,
    pack_errors,
    rewrite_rule_ids,
    rule_prefix,
)
from app.agents.analyzer.rulepack import DEFAULT_RULES_DIR, rule_files
from app.models.config import ConfigError, load_repo_config

CONFIG = ".github/vibe.yml"


def packs_of(text: str) -> list[str]:
    return load_repo_config(text, CONFIG).rules.packs


def config_error(text: str) -> ConfigError:
    with pytest.raises(ConfigError) as caught:
        load_repo_config(text, CONFIG)
    return caught.value


def test_pack_paths_inside_the_repository_are_kept_clean() -> None:
    text = 'rules:\n  packs: [".semgrep/", "rules/custom.yml", "./lint//more/", "./p/x.yml"]\n'
    assert packs_of(text) == [".semgrep/", "rules/custom.yml", "lint/more/", "p/x.yml"]


@pytest.mark.parametrize(
    ("entry", "says"),
    [
        ("https://example.com/rules.yml", "is a URL"),
        ("git@github.com:org/rules", "is a URL"),
        ("p/python", "semgrep registry name"),
        ("r/python.lang.security", "semgrep registry name"),
        ("auto", "semgrep registry name"),
        ("/etc/semgrep", "absolute path"),
        ("~/rules", "absolute path"),
        ("rules/../../etc", "leaves the repository"),
        ("..", "leaves the repository"),
        ("./", "is the repository root"),
        ("''", "is empty"),
    ],
)
def test_a_pack_that_would_be_fetched_or_leave_the_tree_is_a_config_error_on_its_line(
    entry: str, says: str
) -> None:
    error = config_error(f"fail_on: error\nrules:\n  packs:\n    - .semgrep/\n    - {entry}\n")
    assert error.line == 5
    assert f"`{CONFIG}` line 5" in str(error) and says in str(error)


def test_packs_are_a_repository_setting_not_a_projects_one() -> None:
    error = config_error(
        "projects:\n  - name: api\n    paths: [api/]\n    rules:\n      packs: [.semgrep/]\n"
    )
    assert error.line == 5 and "top-level `rules`" in str(error)


def test_prefixes_keep_custom_ids_apart_from_ours_and_from_each_other() -> None:
    assert rule_prefix("org") == "org."
    assert rule_prefix(".semgrep/") == "repo.semgrep."
    assert rule_prefix("rules/custom.yml") == "repo.rules-custom-yml."
    assert rule_prefix("semgrep/", taken=["repo.semgrep."]) == "repo.semgrep-2."
    ours = {
        str(rule["id"]).split(".")[0]
        for path in rule_files(DEFAULT_RULES_DIR)
        for rule in (yaml.safe_load(path.read_text()) or {}).get("rules", [])
    }
    assert ours and not ours & {"org", "repo"}


def test_the_id_rewrite_keeps_every_line_where_the_user_wrote_it() -> None:
    text = (
        "# our rules\n"
        "rules:\n"
        "  - id: no-print   # a comment\n"
        "    languages: [python]\n"
        "    message: id in the message stays\n"
        "    severity: WARNING\n"
        "    pattern: print(...)\n"
        "  - {id: 'flow-style', languages: [go], message: m, severity: INFO, pattern: x}\n"
    )
    staged, sites = rewrite_rule_ids(text, "repo.semgrep.", ".semgrep/a.yml")
    assert staged.count("\n") == text.count("\n")
    loaded = yaml.safe_load(staged)["rules"]
    assert [r["id"] for r in loaded] == ["repo.semgrep.no-print", "repo.semgrep.flow-style"]
    assert loaded[0]["message"] == "id in the message stays"
    assert sites == [
        RuleSite("no-print", ".semgrep/a.yml", 3),
        RuleSite("flow-style", ".semgrep/a.yml", 8),
    ]


def test_invalid_yaml_and_a_file_without_rules_name_the_file_and_line() -> None:
    with pytest.raises(PackError) as caught:
        rewrite_rule_ids('rules:\n  - id: x\n    message: "open\n', "org.", "VIBE_RULES_DIR/a.yml")
    assert caught.value.filename == "VIBE_RULES_DIR/a.yml" and caught.value.line == 4
    assert "invalid YAML" in str(caught.value)
    with pytest.raises(PackError) as caught:
        rewrite_rule_ids("settings: {}\n", "org.", "VIBE_RULES_DIR/b.yml")
    assert "top-level `rules:`" in str(caught.value) and caught.value.line == 1


def test_two_rules_of_one_pack_with_one_id_are_refused() -> None:
    sites = [RuleSite("a", "x.yml", 2), RuleSite("b", "x.yml", 8), RuleSite("a", "y.yml", 4)]
    error = duplicate_ids(sites)
    assert error is not None and (error.filename, error.line) == ("y.yml", 4)
    assert "`x.yml` line 2" in str(error)
    assert duplicate_ids(sites[:2]) is None


TEXT = """rules:
  - id: good-one
    languages: [python]
    severity: WARNING
    message: print
    pattern: print(...)
  - id: broken
    languages: [klingon]
    severity: WARNING
    message: x
    patern: foo(...)
"""
INDEX = StagedIndex(
    displays={"0/custom.yml": "rules/custom.yml"},
    sites={
        "repo.rules-custom-yml.good-one": RuleSite("good-one", "rules/custom.yml", 2),
        "repo.rules-custom-yml.broken": RuleSite("broken", "rules/custom.yml", 7),
    },
    texts={"rules/custom.yml": TEXT},
)
SUMMARY = {
    "code": 7,
    "level": "error",
    "type": "SemgrepError",
    "message": "invalid configuration file found (1 configs were invalid)",
}


def only_error(*errors: dict[str, object]) -> PackError:
    [error] = pack_errors({"errors": [*errors, SUMMARY]}, INDEX)
    return error


def test_a_schema_error_points_at_the_rule_by_its_span() -> None:
    error = only_error(
        {
            "code": 4,
            "level": "error",
            "type": "InvalidRuleSchemaError",
            "long_msg": "{'id': 'repo.rules-custom-yml.broken', 'patern': 'foo(...)'} is not valid "
            "under any of the given schemas",
            "short_msg": "Invalid rule schema",
            "spans": [{"file": "0/custom.yml", "start": {"line": 7, "col": 5, "offset": -1}}],
        }
    )
    assert (error.filename, error.line) == ("rules/custom.yml", 7)
    assert "rule `broken`" in str(error) and "Invalid rule schema" in str(error)
    assert "repo.rules-custom-yml" not in str(error)


def test_a_pattern_error_is_found_by_its_rule_id() -> None:
    error = only_error(
        {
            "code": 2,
            "level": "error",
            "type": "Rule parse error",
            "rule_id": "repo.rules-custom-yml.broken",
            "message": "Rule parse error in rule repo.rules-custom-yml.broken:\n Invalid pattern "
            "for Python: Stdlib.Parsing.Parse_error\n----- pattern -----\nfoo(\n"
            "----- end pattern -----\n",
        }
    )
    assert (error.filename, error.line) == ("rules/custom.yml", 7)
    assert "Invalid pattern for Python" in str(error) and "in pattern `foo(`" in str(error)


def test_an_unknown_language_is_found_by_the_value_semgrep_quotes() -> None:
    error = only_error(
        {
            "code": 8,
            "level": "error",
            "type": "UnknownLanguageError",
            "long_msg": "unsupported language: klingon. supported languages are: apex, bash",
            "short_msg": "invalid language: klingon",
            "spans": [],
        }
    )
    assert (error.filename, error.line) == ("rules/custom.yml", 8)
    assert "rule `broken`" in str(error) and "invalid language: klingon" in str(error)


def test_a_yaml_error_semgrep_names_by_path_keeps_its_line() -> None:
    error = only_error(
        {
            "code": 7,
            "level": "warn",
            "type": "Invalid YAML",
            "message": "Invalid YAML at line 0/custom.yml:4:\n error calling parser",
            "path": "0/custom.yml",
        }
    )
    assert (error.filename, error.line) == ("rules/custom.yml", 4)


def test_with_nothing_more_precise_the_summary_is_the_error() -> None:
    [error] = pack_errors({"errors": [SUMMARY]}, INDEX)
    assert "configs were invalid" in str(error) and error.line is None
    assert pack_errors({"errors": []}, INDEX) == []
