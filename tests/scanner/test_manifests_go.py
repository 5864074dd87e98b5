"""Go modules: go.mod requirements, indirect markers and replace directives."""

from __future__ import annotations

from tests.scanner.projects import dependency, parse_files, parse_project


def test_require_block_and_single_line_requirements_are_direct_and_pinned() -> None:
    results = parse_project("go")

    gin = dependency(results, "github.com/gin-gonic/gin")
    assert (gin.version_spec, gin.resolved_version, gin.line, gin.direct) == (
        "v1.9.1",
        "v1.9.1",
        8,
        True,
    )
    assert dependency(results, "github.com/stretchr/testify").line == 13


def test_indirect_requirements_are_transitive() -> None:
    results = parse_project("go")

    sonic = dependency(results, "github.com/bytedance/sonic")
    assert (sonic.direct, sonic.line, sonic.manifest) == (False, 16, "go.mod")


def test_replace_with_a_module_version_changes_the_resolved_version() -> None:
    zap = dependency(parse_project("go"), "go.uber.org/zap")

    assert (zap.version_spec, zap.resolved_version) == ("v1.26.0", "v1.27.0")


def test_go_sum_is_not_a_manifest() -> None:
    results = parse_project("go")

    assert [m.path for m in results.manifests] == ["go.mod"]


def test_malformed_lines_are_warnings_with_their_line() -> None:
    results = parse_files(
        {
            "go.mod": (
                "module example.com/m\n\ngo 1.22\n\nrequire (\n\tgithub.com/a/b\n"
                "\tgithub.com/c/d v1.0.0\n)\n\nfrobnicate all\n\nreplace x v1\n"
            )
        }
    )

    assert [(w.line, w.message) for w in results.warnings] == [
        (6, "a requirement needs a module path and a version"),
        (10, "`frobnicate` is not a go.mod directive"),
        (12, "a replace directive needs `=>`"),
    ]
    assert [d.name for d in results.dependencies] == ["github.com/c/d"]


def test_unclosed_block_is_a_warning() -> None:
    results = parse_files({"go.mod": "module m\nrequire (\n\tgithub.com/a/b v1.0.0\n"})

    assert [d.name for d in results.dependencies] == ["github.com/a/b"]
    assert "never closed" in results.warnings[0].message
