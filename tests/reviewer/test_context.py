"""Context building: chunks by file, ranked by risk, within the token budget, and what was left
out is said."""

from __future__ import annotations

from pathlib import Path

from app.agents.reviewer.agent import ReviewOptions, model_review
from app.agents.reviewer.context import build_context, rank_files
from app.agents.reviewer.gitdiff import review_input
from app.agents.reviewer.models import ModelReview, ReviewInput
from app.agents.reviewer.prompt import review_messages
from app.agents.reviewer.render import review_markdown
from app.models.finding import Finding
from tests.reviewer.conftest import two_commits


def _count(text: str) -> int:
    return len(text.split())


def _many_files(tmp_path: Path) -> ReviewInput:
    base = {f"lib/mod{i:02}.py": f"VALUE_{i} = {i}\n" for i in range(30)}
    head = {path: text + f"EXTRA = {n}\n" * 20 for n, (path, text) in enumerate(base.items())}
    base["lib/big.py"] = "".join(f"x_{i} = {i}\n" for i in range(400))
    # Forty changes ten lines apart: forty hunks, which a tight budget shows only in part.
    head["lib/big.py"] = "".join(f"x_{i} = {i + 1 if i % 10 == 0 else i}\n" for i in range(400))
    head["auth/session.py"] = "TTL = 1\n"
    head["docs/guide.md"] = "words\n" * 50
    world = two_commits(tmp_path / "repo", base, head)
    reviewed = review_input(world.repo, world.base_sha, world.head_sha)
    finding = Finding(
        tool="semgrep",
        rule_id="python.eval",
        severity="error",
        message="eval",
        path="lib/mod17.py",
        start_line=2,
        end_line=2,
        fingerprint="f" * 16,
        baseline_state="new",
    )
    return reviewed.model_copy(update={"findings": [finding]})


def test_files_are_ranked_findings_first_then_sensitive_then_size(tmp_path: Path) -> None:
    ranked = [f.path for f in rank_files(_many_files(tmp_path))]

    assert ranked[:3] == ["lib/mod17.py", "auth/session.py", "lib/big.py"]
    assert ranked[-1] == "docs/guide.md"


def test_a_small_budget_shows_the_riskiest_files_and_lists_the_rest(tmp_path: Path) -> None:
    reviewed = _many_files(tmp_path)
    context = build_context(reviewed, budget=600, count=_count)

    assert context.tokens <= 600
    assert context.paths[0] == "lib/mod17.py"
    assert "lib/big.py" in context.partial  # shown hunk by hunk as far as it fits
    shown = set(context.paths) - set(context.partial)
    assert shown | set(context.left_out) | set(context.partial) == {f.path for f in reviewed.files}
    assert "docs/guide.md" in context.left_out

    review = model_review(reviewed, ModelReview(summary="ok"), [], context, ReviewOptions(), "m")
    text = review_markdown(review)
    assert "Not read by the model" in text and "`docs/guide.md`" in text


def _method_change(tmp_path: Path) -> ReviewInput:
    steps = "".join(f"        step_{n} = n + {n}\n" for n in range(6))
    base = (
        "class Loader:\n    def parse(self, n):\n"
        f"{steps}        n = n + 1\n{steps}        return n\n"
    )
    head = base.replace("n = n + 1", "n = n - 1")
    world = two_commits(tmp_path / "repo", {"loader.py": base}, {"loader.py": head})
    return review_input(world.repo, world.base_sha, world.head_sha)


def test_definitions_come_after_the_hunks_and_what_does_not_fit_is_listed(
    tmp_path: Path,
) -> None:
    reviewed = _method_change(tmp_path)
    [diff] = reviewed.files
    hunks_only = build_context(
        reviewed.model_copy(update={"files": [diff.model_copy(update={"definitions": []})]}),
        budget=10_000,
        count=_count,
    )
    full = build_context(reviewed, budget=10_000, count=_count)
    assert full.chunks[0].text.startswith(hunks_only.chunks[0].text)
    assert "# method Loader.parse (lines 2-16)" in full.chunks[0].text
    assert full.definitions_left_out == []

    # Room for the hunks, the heading and the class signature, not for the method.
    class_part = full.chunks[0].text.split("# method")[0]
    budget = _count(class_part)
    context = build_context(reviewed, budget=budget, count=_count)
    assert context.tokens <= budget
    assert "class Loader:" in context.chunks[0].text.split("--- definitions", 1)[1]
    assert "# method" not in context.chunks[0].text
    assert context.definitions_left_out == ["loader.py: Loader.parse"]
    # Named as data (the names are the author's), counted in the trusted part.
    trusted, data = review_messages(reviewed, context)[1]["content"].split("<<<DATA", 1)
    assert '"loader.py: Loader.parse"' in data and "Loader.parse" not in trusted
    assert '"definitions_not_shown": 1' in trusted

    # Room for the hunks only: every definition is left out, the hunks are all shown.
    context = build_context(reviewed, budget=hunks_only.tokens, count=_count)
    assert context.paths == ["loader.py"] and context.partial == []
    assert context.definitions_left_out == ["loader.py: Loader", "loader.py: Loader.parse"]
