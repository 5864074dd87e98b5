"""A review as markdown (the terminal, and the body of the GitHub review), as JSON, and each
inline comment as markdown with a ```suggestion block."""

from __future__ import annotations

from app.agents.reviewer.models import Review, ReviewComment
from app.agents.reviewer.offline import dependency_line

SEVERITY_ICON = {"error": "🔴", "warning": "🟠", "note": "🔵"}
MAX_LISTED = 20


def comment_markdown(comment: ReviewComment) -> str:
    """One inline comment. The suggestion replaces the commented line when the author clicks
    "Commit suggestion"."""
    text = f"{SEVERITY_ICON.get(comment.severity, '')} {comment.body}".strip()
    if comment.suggestion is not None:
        text += f"\n\n```suggestion\n{comment.suggestion}\n```"
    return text


def review_markdown(review: Review, *, inline: bool = False) -> str:
    """The review's text. With ``inline`` the comments are posted on their lines, so they are
    only counted here; otherwise (the terminal) they are listed in full."""
    out = ["## VibeIntelligence review", "", review.summary, ""]
    if review.risks:
        out += ["### Risks", ""]
        out += [f"- {risk}" for risk in review.risks[:MAX_LISTED]]
        out.append("")
    if review.dependencies:
        out += ["### Dependencies", ""]
        out += [f"- {dependency_line(d)}" for d in review.dependencies[:MAX_LISTED]]
        out.append("")
    if review.areas:
        out += ["### Areas changed", ""]
        for area, paths in list(review.areas.items())[:MAX_LISTED]:
            shown = ", ".join(f"`{p}`" for p in paths[:6])
            more = f" and {len(paths) - 6} more" if len(paths) > 6 else ""
            out.append(f"- **{area}**: {shown}{more}")
        out.append("")
    if review.comments and not inline:
        out += ["### Comments", ""]
        for comment in review.comments:
            out += [f"**`{comment.path}:{comment.line}`**", "", comment_markdown(comment), ""]
    out += _notes(review, inline)
    return "\n".join(out).rstrip() + "\n"


def _notes(review: Review, inline: bool) -> list[str]:
    notes: list[str] = []
    if inline and review.comments:
        count = len(review.comments)
        notes.append(f"{count} inline comment{'s' if count != 1 else ''} on the changed lines.")
    if review.left_out:
        shown = ", ".join(f"`{p}`" for p in review.left_out[:MAX_LISTED])
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
    writer = "offline reviewer (no model)" if review.writer == "offline" else review.writer
    why = f" — {review.fallback_reason}" if review.fallback_reason else ""
    notes.append(f"Written by: {writer}{why}.")
    return ["<sub>" + " ".join(notes) + "</sub>"]


def review_json(review: Review) -> str:
    return review.model_dump_json(indent=2) + "\n"
