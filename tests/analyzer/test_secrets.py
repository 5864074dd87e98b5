from __future__ import annotations

from app.agents.analyzer.secrets import detect, is_settings_file, redact, redact_text

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


FLASK_KEY = "f3a9c2e81b7d4e6a"


def test_framework_secret_keys_are_found_in_their_common_forms() -> None:
    text = (
        f"app.config['SECRET_KEY'] = '{FLASK_KEY}'\n"
        f'app.secret_key = "{FLASK_KEY}"\n'
        "SECRET_KEY = 'django-insecure-9x@k2!m0qz$w1v7'\n"
        f"app.config.update(SECRET_KEY='{FLASK_KEY}')\n"
        f'JWT_SECRET_KEY: str = "{FLASK_KEY}"\n'
    )
    found = [(f.rule_id, f.start_line) for f in detect(text)]
    assert found == [("secrets.framework-secret-key", line) for line in range(1, 6)]
    assert all(FLASK_KEY not in f.message + (f.snippet or "") for f in detect(text))


def test_framework_secret_keys_read_from_the_environment_or_left_as_placeholders_are_not() -> None:
    text = (
        "SECRET_KEY = os.environ['SECRET_KEY']\n"
        "app.secret_key = os.environ.get('APP_KEY', '')\n"
        "app.config['SECRET_KEY'] = 'changeme'\n"
        "app.config['SECRET_KEY'] = 'your-secret-here'\n"
        "SECRET_KEY = ''\n"
        "SECRET_KEY = 'dev'\n"
        "SECRET_KEY = '${SECRET_KEY}'\n"
        f"if SECRET_KEY == '{FLASK_KEY}':\n"
    )
    assert detect(text) == []


def test_env_file_settings_with_secret_names_are_secrets() -> None:
    text = (
        "# production settings\n"
        "DJANGO_SECRET=9f8e7d6c5b4a3\n"
        "STRIPE_API_KEY=sk_abc12345xyz\n"
        'DB_PASSWORD="hunter22!"\n'
        "DATABASE_URL=postgres://app:S3cretPw9@db:5432/app\n"
        "export GITHUB_TOKEN='tok_abcdefgh1234'\n"
        "spring.datasource.password=Pa55w0rd99\n"
        "DEBUG=true\n"
    )
    found = {(f.rule_id, f.start_line) for f in detect(text, settings_file=True)}
    assert found == {
        ("secrets.env-assignment", 2),
        ("secrets.env-assignment", 3),
        ("secrets.env-assignment", 4),
        ("secrets.url-credentials", 5),
        ("secrets.env-assignment", 6),
        ("secrets.env-assignment", 7),
    }
    found_in = {(path, is_settings_file(path)) for path in (".env", "deploy/.env.production")}
    assert found_in == {(".env", True), ("deploy/.env.production", True)}
    assert not is_settings_file(".env.example")
    url = next(
        f for f in detect(text, settings_file=True) if f.rule_id == "secrets.url-credentials"
    )
    assert "S3cretPw9" not in (url.snippet or "") and "postgres://app:" in (url.snippet or "")


def test_keyword_arguments_in_code_are_not_settings() -> None:
    text = "connect(\n    host=host,\n    password=password_from_vault2\n)\n"
    assert detect(text) == []
    assert detect("DB_PASSWORD=hunter22!\n") == []  # NAME=value outside a settings file


def test_env_file_placeholders_and_public_names_are_not_secrets() -> None:
    text = (
        "SECRET_KEY=changeme\n"
        "API_KEY=your-secret-here\n"
        "TOKEN=xxx\n"
        "AUTH_TOKEN=xxxxxxxxxxxxxxxx\n"
        "PASSWORD=\n"
        "SESSION_SECRET=${SESSION_SECRET}\n"
        "DB_PASSWORD=postgres\n"
        "DATABASE_URL=postgres://postgres:postgres@localhost/db\n"
        "REDIS_URL=redis://localhost:6379/0\n"
        "NEXT_PUBLIC_KEY=abcdefghijk\n"
        "STRIPE_PUBLISHABLE_KEY=pk_abcdefghijk\n"
        "CACHE_KEY_PREFIX=abcdefgh\n"
        "monkey=bananas12345\n"
        "SECRET_KEY_FILE=/run/secrets/key\n"
    )
    assert detect(text, settings_file=True) == []
