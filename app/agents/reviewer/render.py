"""A review as markdown (the terminal, and the body of the GitHub review), as JSON, and each
inline comment as markdown with a ```suggestion block.

Paths, symbol and dependency names come from the pull request, and the summary, risks and
comments quote them (or the model's words): names go into code spans, prose is neutralised
(control characters shown escaped, no raw HTML, no @mentions), so that neither a terminal nor
the pull request page gets an author's escape sequences or markup.
"""

from __future__ import annotations

from app.agents.reviewer.dependencies import ANY_VERSION
from app.agents.reviewer.models import DependencyChange, DependencyMove, Review, ReviewComment
from app.printable import printable, printable_lines
from app.reporting.markdown import code_span, escape_inline, neutralize

SEVERITY_ICON = {"error": "🔴", "warning": "🟠", "note": "🔵"}
MAX_LISTED = 20


def comment_markdown(comment: ReviewComment) -> str:
    """One inline comment. The suggestion replaces the commented line when the author clicks
    "Commit suggestion"."""
    text = f"{SEVERITY_ICON.get(comment.severity, '')} {neutralize(comment.body)}".strip()
    if comment.suggestion is not None:
        text += f"\n\n```suggestion\n{printable_lines(comment.suggestion)}\n```"
    return text


def review_markdown(review: Review, *, inline: bool = False) -> str:
    """The review's text. With ``inline`` the comments are posted on their lines, so they are
    only counted here; otherwise (the terminal) they are listed in full."""
    out = ["## VibeIntelligence review", "", neutralize(review.summary), ""]
    if review.risks:
        out += ["### Risks", ""]
        out += [f"- {neutralize(risk)}" for risk in review.risks[:MAX_LISTED]]
        out.append("")
    listed: list[DependencyChange] | list[DependencyMove] = (
        review.facts.dependencies if review.facts is not None else review.dependencies
    )
    # What a manifest declares first, then lock-only moves of declared packages, then the rest.
    moves: list[DependencyChange | DependencyMove] = sorted(
        listed, key=lambda d: (d.manifest is None, not d.direct)
    )
    if moves:
        out += ["### Dependencies", ""]
        out += [f"- {dependency_markdown(d)}" for d in moves[:MAX_LISTED]]
        if len(moves) > MAX_LISTED:
            out.append(f"- and {len(moves) - MAX_LISTED} more")
        out.append("")
    # Each file once: by section when the review has its facts, by area otherwise.
    groups = review.facts.sections if review.facts is not None else review.areas
    if groups:
        out += ["### Files changed" if review.facts is not None else "### Areas changed", ""]
        for title, paths in list(groups.items())[:MAX_LISTED]:
            shown = ", ".join(code_span(p) for p in paths[:6])
            more = f" and {len(paths) - 6} more" if len(paths) > 6 else ""
            out.append(f"- **{escape_inline(title)}**: {shown}{more}")
        out.append("")
    if review.comments and not inline:
        out += ["### Comments", ""]
        for comment in review.comments:
            where = code_span(f"{comment.path}:{comment.line}")
            out += [f"**{where}**", "", comment_markdown(comment), ""]
    out += _notes(review, inline)
    return "\n".join(out).rstrip() + "\n"


def _notes(review: Review, inline: bool) -> list[str]:
    notes: list[str] = []
    if inline and review.comments:
        count = len(review.comments)
        notes.append(f"{count} inline comment{'s' if count != 1 else ''} on the changed lines.")
    if review.left_out:
        shown = ", ".join(code_span(p) for p in review.left_out[:MAX_LISTED])
        more = (
            f" and {len(review.left_out) - MAX_LISTED} more"
            if len(review.left_out) > MAX_LISTED
            else ""
        )
        notes.append(f"Not read by the model (too large for its context): {shown}{more}.")
    if review.dropped:
        count = len(review.dropped)
        notes.append(
            f"{count} model comment{'s' if count != 1 else ''} dropped: not on a changed line "
            "or quoting code that is not in the diff."
        )
    writer = (
        "offline reviewer (no model)" if review.writer == "offline" else printable(review.writer)
    )
    why = f" — {escape_inline(review.fallback_reason)}" if review.fallback_reason else ""
    notes.append(f"Written by: {writer}{why}.")
    return ["<sub>" + " ".join(notes) + "</sub>"]


def dependency_markdown(change: DependencyChange | DependencyMove) -> str:
    """One dependency move: the name and the files in code spans, versions escaped, and where
    it moved: the manifest and lock file that changed for it, "lock file only" when no
    manifest did, "transitive" when no manifest declares it."""
    name = code_span(change.name)
    files = [code_span(p) for p in (change.manifest, change.lock) if p]
    where = ", ".join([escape_inline(change.ecosystem), *files])
    if change.manifest is None:
        where += ", lock file only" + ("" if change.direct else ", transitive")
    before = escape_inline(_version_text(change.before))
    after = escape_inline(_version_text(change.after))
    if change.change == "added":
        return f"{name} {after} added ({where})".replace("  ", " ")
    if change.change == "removed":
        return f"{name} {before} removed ({where})".replace("  ", " ")
    return f"{name} {escape_inline(change.change)} {before} → {after} ({where})"


def _version_text(version: str | None) -> str:
    return "any version" if version == ANY_VERSION else (version or "")


def review_json(review: Review) -> str:
    return review.model_dump_json(indent=2) + "\n"
