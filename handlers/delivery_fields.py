"""The fields a receiver stores in their own columns, checked at the edge before the insert.

A delivery is authenticated before it is parsed, but being signed does not make it well formed:
an installation id that is a string, or an integer beyond PostgreSQL's BIGINT, would make the
insert fail and the receiver answer 500, which the forge counts as our failure. These models
refuse such a delivery with a 400 that names the field (``installation.id: must be an
integer, not a string``). Only what the receivers store or act on is checked; every other part
of the payload is stored as it came.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictInt, StrictStr
from pydantic import ValidationError as PydanticValidationError
from pydantic_core import ErrorDetails, PydanticCustomError

BIGINT_MAX = 2**63 - 1


def _storable(text: str) -> str:
    # PostgreSQL's text holds neither NUL nor the lone surrogates that JSON escapes allow.
    if "\x00" in text:
        raise PydanticCustomError("storable_text", "must not contain NUL characters")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise PydanticCustomError("storable_text", "must be valid Unicode text") from None
    return text


ForgeId = Annotated[StrictInt, Field(ge=1, le=BIGINT_MAX)]
StoredText = Annotated[StrictStr, AfterValidator(_storable)]


class _Fields(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class GitHubInstallation(_Fields):
    id: ForgeId | None = None


class GitHubRepository(_Fields):
    id: ForgeId | None = None
    full_name: StoredText | None = None


class GitHubSender(_Fields):
    login: StoredText | None = None  # carried into every job the delivery plans


class GitHubFields(_Fields):
    """The envelope every GitHub webhook payload shares."""

    action: StoredText | None = None
    installation: GitHubInstallation | None = None
    repository: GitHubRepository | None = None
    sender: GitHubSender | None = None


class GitLabProject(_Fields):
    id: ForgeId | None = None
    path_with_namespace: StoredText | None = None


class GitLabAttributes(_Fields):
    action: StoredText | None = None


class GitLabFields(_Fields):
    """What the GitLab receiver stores, and the project id a project's token is checked for."""

    object_kind: StoredText | None = None
    project: GitLabProject | None = None
    project_id: ForgeId | None = None
    object_attributes: GitLabAttributes | None = None

    @property
    def any_project_id(self) -> int | None:
        """The project the hook is about: ``project.id``, else the older ``project_id``."""
        return (self.project.id if self.project else None) or self.project_id


class MalformedDelivery(ValueError):
    """A payload whose stored fields have the wrong types; the message names them."""


def github_fields(payload: dict[str, Any]) -> GitHubFields:
    try:
        return GitHubFields.model_validate(payload)
    except PydanticValidationError as exc:
        raise MalformedDelivery(describe(exc)) from None


def gitlab_fields(payload: dict[str, Any]) -> GitLabFields:
    try:
        return GitLabFields.model_validate(payload)
    except PydanticValidationError as exc:
        raise MalformedDelivery(describe(exc)) from None


def refuse_constant(constant: str) -> Any:
    """``parse_constant`` for :func:`json.loads`: NaN and Infinity are not JSON, and JSONB
    refuses them, but Python's json reads them."""
    raise ValueError(f"{constant} is not a JSON value")


def describe(exc: PydanticValidationError) -> str:
    """``installation.id: must be an integer, not a string; sender: must be an object, …``."""
    return "; ".join(_problem(error) for error in exc.errors(include_url=False))


_REQUIREMENTS = {
    "int_type": "must be an integer",
    "int_parsing": "must be an integer",
    "int_from_float": "must be an integer",
    "greater_than_equal": f"must be an integer from 1 to {BIGINT_MAX}",
    "less_than_equal": f"must be an integer from 1 to {BIGINT_MAX}",
    "string_type": "must be a string",
    "model_type": "must be an object",
    "model_attributes_type": "must be an object",
    "dict_type": "must be an object",
}


def _problem(error: ErrorDetails) -> str:
    field = ".".join(str(part) for part in error["loc"])
    requirement = _REQUIREMENTS.get(error["type"])
    if requirement is None:
        return f"{field}: {error['msg']}"
    return f"{field}: {requirement}, not {_json_kind(error['input'])}"


def _json_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__
