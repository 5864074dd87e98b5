"""Maven: pom.xml dependencies, properties, dependencyManagement, parent and licences."""

from __future__ import annotations

from tests.scanner.projects import dependency, parse_files, parse_project


def test_dependencies_are_named_group_colon_artifact_with_scope_and_line() -> None:
    results = parse_project("maven")

    web = dependency(results, "org.springframework.boot:spring-boot-starter-web")
    assert (web.version_spec, web.scope, web.line) == (None, "runtime", 42)
    assert dependency(results, "org.postgresql:postgresql").scope == "runtime"
    assert dependency(results, "org.springframework.boot:spring-boot-starter-test").scope == "test"
    lombok = dependency(results, "org.projectlombok:lombok")
    assert (lombok.scope, lombok.resolved_version) == ("build", "1.18.30")
    assert dependency(results, "com.fasterxml.jackson.dataformat:jackson-dataformat-xml").scope == (
        "optional"
    )


def test_property_and_managed_versions_are_filled_in() -> None:
    results = parse_project("maven")

    mapstruct = dependency(results, "org.mapstruct:mapstruct")
    assert (mapstruct.version_spec, mapstruct.line) == ("1.5.5.Final", 46)
    containers = dependency(results, "org.testcontainers:postgresql")
    assert (containers.version_spec, containers.scope) == ("1.19.3", "test")


def test_parent_pom_is_a_build_dependency() -> None:
    parent = dependency(
        parse_project("maven"), "org.springframework.boot:spring-boot-starter-parent"
    )

    assert (parent.version_spec, parent.scope, parent.group, parent.line) == (
        "3.2.0",
        "build",
        "parent",
        5,
    )


def test_licence_names_are_mapped_to_spdx() -> None:
    results = parse_project("maven")

    assert [(lic.path, lic.spdx_id) for lic in results.licenses] == [("pom.xml", "Apache-2.0")]


def test_unclosed_tag_is_a_warning_with_its_line() -> None:
    results = parse_files(
        {
            "pom.xml": (
                "<project>\n  <dependencies>\n    <dependency>\n  </dependencies>\n</project>\n"
            )
        }
    )

    (warning,) = results.warnings
    assert (warning.path, warning.line) == ("pom.xml", 4)
    assert "not well-formed XML" in warning.message


def test_entity_declarations_are_refused() -> None:
    pom = (
        '<?xml version="1.0"?>\n<!DOCTYPE project [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        "<project><dependencies><dependency><groupId>&xxe;</groupId>"
        "<artifactId>a</artifactId></dependency></dependencies></project>\n"
    )
    results = parse_files({"pom.xml": pom})

    assert results.dependencies == []
    assert "DTD" in results.warnings[0].message


def test_dependency_without_artifact_is_a_warning() -> None:
    results = parse_files(
        {
            "pom.xml": (
                "<project>\n<dependencies>\n<dependency>\n<groupId>g</groupId>\n</dependency>\n"
                "</dependencies>\n</project>\n"
            )
        }
    )

    assert [(w.line, w.message) for w in results.warnings] == [
        (3, "a <dependency> needs both <groupId> and <artifactId>")
    ]
