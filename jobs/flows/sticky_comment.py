"""The one sticky comment of a change request, which several jobs write: the check (its findings)
and the deploy job (a preview's section). Each reads the body, changes its part and writes it
back under one lock (:mod:`jobs.forges.comment_lock`), so neither writes over the other's fresh
part and the comment is posted once. Every writer goes through :func:`upsert_sticky_comment`."""

from __future__ import annotations

from collections.abc import Callable

from app.reporting.comment import COMMENT_MARKER
from jobs.forges.comment_lock import sticky_comment_lock
from jobs.forges.conversation import ConversationEdge
from jobs.queue.context import JobContext


async def upsert_sticky_comment(
    ctx: JobContext,
    conversation: ConversationEdge,
    full_name: str,
    number: int,
    edit: Callable[[str | None], str],
) -> int:
    """Post or edit the comment: ``edit`` gets its current body (None before the first post)
    and returns the new one, which must start with :data:`COMMENT_MARKER`. Its id."""
    async with sticky_comment_lock(ctx.redis, full_name, number):
        existing = await conversation.find_marked(number, COMMENT_MARKER)
        body = edit(None if existing is None else existing.body)
        if not body.lstrip().startswith(COMMENT_MARKER):
            raise ValueError("the sticky comment must start with its marker")
        if existing is None:
            return await conversation.post_comment(number, body)
        if body != existing.body:
            await conversation.edit_comment(number, existing.id, body)
        return existing.id
