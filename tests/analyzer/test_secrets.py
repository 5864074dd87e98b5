from __future__ import annotations

from app.agents.analyzer.secrets import detect, redact, redact_text

GITHUB_TOKEN = "ghp_" + "Q7rT2xLm9KpW4sZ8vN3bY6cF1hJ5dG0aE2uR"
AWS_KEY = "AKIAZ7QJ3XK2LMNOPQRS"
STRIPE = "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc"
PASSWORD = "hV7$kq2!Zr9@mW4#tL8x"


def test_detects_tokens_keys_and_high_entropy_assignments() -> None:
    text = (
        f'GITHUB = "{GITHUB_TOKEN}"\n'
        f"aws_access_key_id = {AWS_KEY}\n"
        f'stripe.api_key = "{STRIPE}"\n'
        f'db_password = "{PASSWORD}"\n'
        "-----BEGIN OPENSSH PRIVATE KEY-----\n"
    )
    rules = {(f.rule_id, f.start_line) for f in detect(text)}
    assert rules == {
        ("secrets.github-token", 1),
        ("secrets.aws-access-key-id", 2),
        ("secrets.stripe-key", 3),
        ("secrets.generic-high-entropy", 4),
        ("secrets.private-key", 5),
    }


def test_placeholders_and_low_entropy_values_are_not_secrets() -> None:
    text = (
        'password = "${DATABASE_PASSWORD_FROM_ENV}"\n'
        'api_key = "your-api-key-goes-here-please"\n'
        'token = "aaaaaaaaaaaaaaaaaaaaaaaa"\n'
    )
    assert detect(text) == []


def test_a_secret_never_appears_whole_in_message_or_snippet() -> None:
    text = f'headers = {{"Authorization": "token {GITHUB_TOKEN}"}}\npw = "{PASSWORD}"\n'
    text += f'client_secret = "{PASSWORD}"\n'
    for finding in detect(text):
        for shown in (finding.message, finding.snippet or ""):
            assert GITHUB_TOKEN not in shown
            assert PASSWORD not in shown
    assert redact(GITHUB_TOKEN) == "ghp_****…E2uR"


def test_redact_text_hides_secrets_found_by_other_tools() -> None:
    assert GITHUB_TOKEN not in redact_text(f"curl -H 'token {GITHUB_TOKEN}'")
    assert redact_text("print('hello world')") == "print('hello world')"
