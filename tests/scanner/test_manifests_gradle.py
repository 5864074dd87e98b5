"""Gradle: Groovy and Kotlin DSL build scripts and the libs.versions.toml catalog."""

from __future__ import annotations

from tests.scanner.projects import dependency, names, parse_files, parse_project

KTS = "app/build.gradle.kts"


def test_groovy_string_and_map_notations_with_configuration_scopes() -> None:
    results = parse_project("gradle")

    web = dependency(results, "org.springframework.boot:spring-boot-starter-web")
    assert (web.version_spec, web.scope, web.line, web.ecosystem) == (None, "runtime", 14, "gradle")
    guava = dependency(results, "com.google.guava:guava")
    assert (guava.version_spec, guava.line) == ("32.1.3-jre", 15)
    devtools = dependency(results, "org.springframework.boot:spring-boot-devtools")
    assert devtools.scope == "dev"
    assert dependency(results, "org.springframework.boot:spring-boot-starter-test").scope == "test"
    assert dependency(results, "org.junit.platform:junit-platform-launcher").scope == "test"
    lombok = [d for d in results.dependencies if d.name == "org.projectlombok:lombok"]
    assert [(d.scope, d.line) for d in lombok] == [("build", 16), ("build", 17)]


def test_interpolated_versions_come_from_ext_and_val_assignments() -> None:
    results = parse_project("gradle")

    plugin = dependency(results, "org.springframework.boot:spring-boot-gradle-plugin")
    assert (plugin.version_spec, plugin.scope, plugin.line) == ("3.2.0", "build", 7)
    exposed = dependency(results, "org.jetbrains.exposed:exposed-core")
    assert (exposed.version_spec, exposed.line) == ("0.45.0", 11)


def test_kotlin_dsl_catalog_accessors_and_bundles_resolve_through_the_catalog() -> None:
    results = parse_project("gradle")

    core = dependency(results, "io.ktor:ktor-server-core")
    assert (core.version_spec, core.manifest, core.line) == ("2.3.7", KTS, 9)
    assert dependency(results, "io.ktor:ktor-server-netty").version_spec == "2.3.7"
    logback = dependency(results, "ch.qos.logback:logback-classic")
    assert (logback.version_spec, logback.scope) == ("1.4.14", "runtime")
    kotest = [d for d in results.dependencies if d.name.startswith("io.kotest:")]
    assert [(d.name, d.scope, d.line) for d in kotest] == [
        ("io.kotest:kotest-runner-junit5", "test", 16),
        ("io.kotest:kotest-assertions-core", "test", 16),
    ]


def test_platform_kotlin_and_project_notations() -> None:
    results = parse_project("gradle")

    bom = dependency(results, "software.amazon.awssdk:bom")
    assert (bom.version_spec, bom.group) == ("2.21.42", "platform")
    assert dependency(results, "org.jetbrains.kotlin:kotlin-stdlib").line == 13
    assert not any(":shared" in name for name in names(results, KTS))
    assert "junit:junit" not in names(results, KTS)  # inside a comment


def test_broken_catalog_is_reported_once_and_build_scripts_still_parse() -> None:
    results = parse_files(
        {
            "gradle/libs.versions.toml": "[libraries]\nguava = { module = \n",
            "a/build.gradle": "dependencies { implementation libs.guava\n implementation 'g:a:1' }",
            "b/build.gradle": "dependencies { implementation libs.guava }",
        }
    )

    assert [(w.path, w.line) for w in results.warnings] == [("gradle/libs.versions.toml", 2)]
    assert [d.name for d in results.dependencies] == ["g:a"]


def test_gradle_lockfile_resolves_declared_and_keeps_transitive_modules() -> None:
    results = parse_project("gradle")

    core = dependency(results, "io.ktor:ktor-server-core", KTS)
    assert core.resolved_version == "2.3.7"
    locked = [d for d in results.dependencies if d.manifest == "app/gradle.lockfile"]
    assert [(d.name, d.resolved_version, d.scope, d.line) for d in locked] == [
        ("ch.qos.logback:logback-core", "1.4.14", "runtime", 5),
        ("io.netty:netty-codec-http", "4.1.100.Final", "runtime", 9),
        ("org.opentest4j:opentest4j", "1.3.0", "test", 10),
    ]


def test_malformed_gradle_lockfile_line_is_a_warning() -> None:
    results = parse_files({"gradle.lockfile": "# comment\ncom.acme:lib=runtimeClasspath\n"})

    assert [(w.path, w.line) for w in results.warnings] == [("gradle.lockfile", 2)]


def test_platform_of_a_catalog_library_is_resolved() -> None:
    results = parse_files(
        {
            "gradle/libs.versions.toml": (
                "[libraries]\n"
                'spring-bom = "org.springframework.boot:spring-boot-dependencies:3.2.0"\n'
            ),
            "build.gradle.kts": "dependencies {\n  implementation(platform(libs.spring.bom))\n}\n",
        }
    )

    bom = dependency(results, "org.springframework.boot:spring-boot-dependencies")
    assert (bom.version_spec, bom.group, bom.line) == ("3.2.0", "platform", 2)
