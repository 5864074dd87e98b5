"""The pull request description section: what changed by area, new or upgraded dependencies,
the security impact and the test changes, between markers. Everything outside the markers is
the author's and is kept byte for byte."""

from __future__ import annotations

from app.agents.reviewer.areas import is_sensitive, is_test
from app.agents.reviewer.models import ReviewInput
from app.agents.reviewer.offline import areas_changed, dependency_line
from app.models.finding import SEVERITY_RANK

START = "<!-- vibe:describe:start -->"
END = "<!-- vibe:describe:end -->"
MAX_LISTED = 15


def describe_section(review_input: ReviewInput, summary: str | None = None) -> str:
    """The section, markers included."""
    out = [START, "## What this pull request changes", ""]
    if summary:
        out += [summary, ""]
    out += ["### By area", ""]
    for area, paths in areas_changed(review_input).items():
        diffs = [review_input.file(p) for p in paths]
        added = sum(d.additions for d in diffs if d is not None)
        removed = sum(d.deletions for d in diffs if d is not None)
        shown = ", ".join(f"`{p}`" for p in paths[:6])
        more = f" and {len(paths) - 6} more" if len(paths) > 6 else ""
        out.append(f"- **{area}** (+{added} -{removed}): {shown}{more}")
    out += ["", "### Dependencies", ""]
    moved = [d for d in review_input.dependencies if d.change != "removed"]
    removed_deps = [d for d in review_input.dependencies if d.change == "removed"]
    if moved or removed_deps:
        out += [f"- {dependency_line(d)}" for d in [*moved, *removed_deps][:MAX_LISTED]]
    else:
        out.append("No dependency added, upgraded or removed.")
    out += ["", "### Security impact", ""]
    out += _security(review_input)
    out += ["", "### Tests", ""]
    tests = [f for f in review_input.files if is_test(f.path)]
    if tests:
        out += [
            f"- `{f.path}` ({f.status}, +{f.additions} -{f.deletions})" for f in tests[:MAX_LISTED]
        ]
    else:
        out.append("No test file changed.")
    out += ["", END]
    return "\n".join(out)


def _security(review_input: ReviewInput) -> list[str]:
    lines: list[str] = []
    new = sorted(review_input.new_findings, key=lambda f: -SEVERITY_RANK[f.severity])
    if new:
        lines.append(f"{len(new)} new finding{'s' if len(new) != 1 else ''} from the analyzer:")
        lines += [
            f"- {f.severity}: {f.message} (`{f.rule_id}`, `{f.path}:{f.start_line}`)"
            for f in new[:MAX_LISTED]
        ]
    else:
        lines.append("No new finding from the analyzer.")
    fixed = [f for f in review_input.findings if f.baseline_state == "absent"]
    if fixed:
        lines.append(f"{len(fixed)} finding{'s' if len(fixed) != 1 else ''} fixed.")
    sensitive = [f.path for f in review_input.files if is_sensitive(f.path)]
    if sensitive:
        lines.append(
            "Security-sensitive files touched: "
            + ", ".join(f"`{p}`" for p in sensitive[:MAX_LISTED])
            + "."
        )
    return lines


def merge_description(body: str | None, section: str) -> str:
    """``body`` with ``section`` in place of the old one, or appended; the author's text around
    it is not changed by a single byte."""
    text = body or ""
    start = text.find(START)
    end = text.find(END, start + len(START)) if start != -1 else -1
    if start != -1 and end != -1:
        return text[:start] + section + text[end + len(END) :]
    if not text:
        return section + "\n"
    separator = "" if text.endswith("\n\n") else ("\n" if text.endswith("\n") else "\n\n")
    return text + separator + section + "\n"
