"""RubyGems: a Rails Gemfile with groups and options, and Gemfile.lock."""

from __future__ import annotations

from tests.scanner.projects import dependency, names, parse_files, parse_project


def test_gems_keep_every_requirement_and_their_line() -> None:
    results = parse_project("ruby")

    rails = dependency(results, "rails", "Gemfile")
    assert (rails.version_spec, rails.resolved_version, rails.line, rails.scope) == (
        "~> 7.1.2",
        "7.1.2",
        6,
        "runtime",
    )
    puma = dependency(results, "puma", "Gemfile")
    assert (puma.version_spec, puma.resolved_version) == (">= 5.0, < 7", "6.4.0")
    bootsnap = dependency(results, "bootsnap", "Gemfile")
    assert (bootsnap.version_spec, bootsnap.resolved_version) == (None, "1.17.0")


def test_group_blocks_and_group_options_set_scope() -> None:
    results = parse_project("ruby")

    debug = dependency(results, "debug", "Gemfile")
    assert (debug.scope, debug.group, debug.line) == ("dev", "development,test", 14)
    assert dependency(results, "web-console", "Gemfile").scope == "dev"
    capybara = dependency(results, "capybara", "Gemfile")
    assert (capybara.scope, capybara.group, capybara.line) == ("test", "test", 23)
    sidekiq = dependency(results, "sidekiq", "Gemfile")
    assert (sidekiq.scope, sidekiq.group) == ("runtime", "production")


def test_platforms_option_is_not_a_version() -> None:
    tzinfo = dependency(parse_project("ruby"), "tzinfo-data", "Gemfile")

    assert tzinfo.version_spec is None


def test_lock_lists_transitive_gems_without_platform_suffix() -> None:
    results = parse_project("ruby")

    assert names(results, "Gemfile.lock") == ["actionpack", "msgpack", "nokogiri"]
    nokogiri = dependency(results, "nokogiri", "Gemfile.lock")
    assert (nokogiri.resolved_version, nokogiri.line, nokogiri.direct) == ("1.15.5", 14, False)


def test_hash_rocket_options_and_parenthesised_calls() -> None:
    results = parse_files(
        {
            "Gemfile": (
                "gem('rspec', '~> 3.12', :group => [:test])\ngem 'pry', :groups => [:development]\n"
            )
        }
    )

    assert [(d.name, d.version_spec, d.scope) for d in results.dependencies] == [
        ("rspec", "~> 3.12", "test"),
        ("pry", None, "dev"),
    ]


def test_unbalanced_blocks_and_bad_lock_lines_are_warnings() -> None:
    results = parse_files(
        {
            "Gemfile": "group :test do\n  gem 'rspec'\n",
            "Gemfile.lock": "GEM\n  remote: https://rubygems.org/\n  specs:\n    rack 3.0.8\n",
            "engine/Gemfile": "gem :rack\nend\n",
        }
    )

    assert {(w.path, w.line) for w in results.warnings} == {
        ("Gemfile", None),
        ("Gemfile.lock", 4),
        ("engine/Gemfile", 1),
        ("engine/Gemfile", 2),
    }
    assert dependency(results, "rspec").scope == "test"
