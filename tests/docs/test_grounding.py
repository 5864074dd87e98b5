"""The grounding check against the names a project really has."""

from __future__ import annotations

from app.agents.docs.grounding import KnownNames, ground_markdown

KNOWN = KnownNames(
    files=frozenset({"src", "src/app.py", "requirements.txt", "docs/api.md"}),
    packages=frozenset({"flask", "app"}),
    programs=frozenset({"python", "pip", "make", "git", "cd"}),
    scripts=frozenset(),
    make_targets=frozenset({"test"}),
    env_vars=frozenset({"APP_SECRET"}),
    words=frozenset({"app", "python", "flask", "create_app"}),
)


def test_a_sentence_naming_a_missing_package_is_dropped_and_the_rest_kept() -> None:
    text = "Built on `flask`. Caches with `redis`. Start with `create_app()`."

    kept, dropped = ground_markdown(text, KNOWN)

    assert kept == "Built on `flask`. Start with `create_app()`."
    assert dropped == ["Caches with `redis`."]


def test_unknown_environment_variables_files_and_targets_are_dropped() -> None:
    text = "\n".join(
        [
            "- Set `APP_SECRET` first.",
            "- Set DATABASE_URL too.",
            "- Edit `src/settings.py`.",
            "- Read src/app.py and `docs/api.md`.",
            "- Run `make lint`.",
            "- Run `make test`.",
        ]
    )

    kept, dropped = ground_markdown(text, KNOWN)

    assert kept.splitlines() == [
        "- Set `APP_SECRET` first.",
        "- Read src/app.py and `docs/api.md`.",
        "- Run `make test`.",
    ]
    assert len(dropped) == 3


def test_command_lines_in_code_blocks_are_checked_one_by_one() -> None:
    text = (
        "```sh\n"
        "pip install -r requirements.txt\n"
        "pip install requests\n"
        "npm install\n"
        "python -m app\n"
        "APP_SECRET=x python src/app.py\n"
        "```"
    )

    kept, dropped = ground_markdown(text, KNOWN)

    assert kept == (
        "```sh\npip install -r requirements.txt\npython -m app\nAPP_SECRET=x python src/app.py\n```"
    )
    assert dropped == ["pip install requests", "npm install"]


def test_versions_urls_and_flags_are_not_names() -> None:
    text = "Needs `flask` `>=3.0`, see https://example.org/a/b.html and pass `--debug`."

    kept, dropped = ground_markdown(text, KNOWN)

    assert (kept, dropped) == (text, [])


def test_a_code_block_left_empty_is_removed() -> None:
    kept, dropped = ground_markdown("Install:\n\n```sh\ncargo build\n```", KNOWN)

    assert kept == "Install:"
    assert dropped == ["cargo build"]
