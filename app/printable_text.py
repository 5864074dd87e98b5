""":func:`~app.printable.printable` for whole reports.

A report rendered for people (``vibe scan``'s tables and findings) is
copied with every string made printable, so that no renderer can forget a field: the copy is
for display only, the report itself (paths GitHub places annotations by, the exit status) keeps
the repository's exact names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from app.printable import printable, printable_lines

if TYPE_CHECKING:
    from pydantic import BaseModel

# pydantic is imported only when a report is copied: the CLI's start-up stays light.
ModelT = TypeVar("ModelT", bound="BaseModel")
# Fields of a report that hold prose, whose line breaks mean something.
PROSE_FIELDS = frozenset({"message", "help", "detail", "description", "text"})


def printable_copy(model: ModelT) -> ModelT:
    """A copy of ``model`` whose every string (nested models, lists and mappings included) is
    made printable: prose fields (:data:`PROSE_FIELDS`) keep their lines, every other string (a
    path, a name) is shown on one line; nothing is validated again."""
    from pydantic import BaseModel

    return _copied(model, BaseModel, lines=False)  # type: ignore[no-any-return]


def _copied(value: Any, model_type: type[BaseModel], *, lines: bool) -> Any:
    # Exactly str: an enum member that subclasses str keeps its identity.
    if type(value) is str:
        return printable_lines(value) if lines else printable(value)
    if isinstance(value, model_type):
        fields = {
            name: _copied(getattr(value, name), model_type, lines=name in PROSE_FIELDS)
            for name in type(value).model_fields
        }
        return type(value).model_construct(value.model_fields_set, **fields)
    if isinstance(value, list):
        return [_copied(item, model_type, lines=lines) for item in value]
    if isinstance(value, tuple):
        return tuple(_copied(item, model_type, lines=lines) for item in value)
    if isinstance(value, dict):
        return {
            _copied(key, model_type, lines=False): _copied(item, model_type, lines=lines)
            for key, item in value.items()
        }
    return value
