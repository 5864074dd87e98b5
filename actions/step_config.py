"""Which ``.github/vibe.yml`` the step runs with, and which tree its ``rules.packs`` come from.

On a pull request both are read from the pull request's base commit, as the App reads them from
the base branch: a pull request cannot relax the gate it is checked with (``fail_on: never``, a
disabled rule, an excluded path, another ``paths.tests``). A change to the file takes effect once
merged; a changed version must still be valid, as the App requires. When the checkout lacks the
base commit (``actions/checkout`` fetches one commit by default) it is fetched from ``origin``;
when it cannot be had the step fails, never falling back to the pull request's own file. On a
push, and outside Actions, the checkout is the branch itself and its file is the one to use.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from actions.baseline import open_repository, workspace_prefix
from actions.event import ActionEvent
from app.errors import UsageError
from app.models.config import CONFIG_PATH

if TYPE_CHECKING:
    from app.cli.scan_config import ScanConfig

# A commit id as the event carries it (SHA-1, or SHA-256 repositories): nothing else may reach
# git's command line.
_COMMIT_ID = re.compile(r"[0-9a-f]{40}(?:[0-9a-f]{24})?")
_URL_USERINFO = re.compile(r"(?P<scheme>[a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\s]+@")
_GIT_LINK = 0o120000
FETCH_TIMEOUT_S = 300
SHORT = 7


@dataclass(frozen=True)
class StepConfig:
    """``chosen`` as ``vibe scan`` holds it (its ``base`` set: packs are read from that commit);
    ``notes`` say where the configuration came from, for the log and the job summary."""

    chosen: ScanConfig
    notes: tuple[str, ...] = ()


def load_step_config(workspace: Path, config_input: str, event: ActionEvent) -> StepConfig:
    """The configuration of this run (blocking: may run ``git fetch``)."""
    if not event.is_pull_request:
        return StepConfig(_from_disk(workspace, config_input))
    repo = open_repository(workspace)
    if repo is None or not repo.workdir:
        raise UsageError(
            f"GITHUB_WORKSPACE {workspace} is not a git checkout; add an actions/checkout step "
            f"before this one (on a pull request {config_input} is read from the base commit)"
        )
    in_repo = _repository_path(repo, workspace, config_input)
    if in_repo is None:  # a file the workflow provides outside the checkout, not the PR's
        return StepConfig(_from_disk(workspace, config_input))
    base_sha = _base_commit_id(event, config_input)
    repo = _with_commit(repo, base_sha, config_input)
    return _from_base(repo, workspace, config_input, in_repo, base_sha)


def _from_disk(workspace: Path, config_input: str) -> ScanConfig:
    from app.cli.scan_config import ScanConfig
    from app.models.config import RepoConfig, load_repo_config

    path = Path(config_input)
    full = path if path.is_absolute() else workspace / path
    try:
        text = full.read_text(encoding="utf-8")
    except FileNotFoundError:
        if config_input == CONFIG_PATH:
            return ScanConfig(RepoConfig(), config_input, None, None)
        raise UsageError(
            f"input config {config_input}: no such file in {workspace}; fix the path or remove "
            "the input to use .github/vibe.yml when present"
        ) from None
    except OSError as exc:
        raise UsageError(f"input config {config_input}: cannot read it ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise UsageError(f"input config {config_input}: not UTF-8 text; save it as UTF-8") from None
    config = load_repo_config(text, config_input)
    return ScanConfig(config, config_input, text, config_input)


def _from_base(
    repo: Any, workspace: Path, config_input: str, in_repo: str, base_sha: str
) -> StepConfig:
    from app.cli.scan_config import BaseTree, ScanConfig
    from app.models.config import RepoConfig, load_repo_config

    short = base_sha[:SHORT]
    base = BaseTree(repo, base_sha, base_sha, workspace_prefix(repo, workspace))
    text = _text_at(repo, base_sha, in_repo, config_input)
    head_text = _text_at(repo, _head_id(repo), in_repo, config_input)
    notes = [
        f"configuration read from the base commit {short} (changes to {config_input} in this "
        "pull request take effect after merge)"
    ]
    if text is None:
        if config_input != CONFIG_PATH and head_text is None:
            raise UsageError(
                f"input config {config_input}: no such file at the base commit {short} nor in "
                "the checkout; fix the path or remove the input to use .github/vibe.yml"
            )
        config, label = RepoConfig(), None
    else:
        config, label = load_repo_config(text, config_input), f"{config_input} at {short}"
    if _changed_by_pull_request(repo, base_sha, in_repo, config_input, head_text):
        notes.append(
            f"This pull request changes {config_input}; this run used the base commit's "
            "version, and the change takes effect after merge."
        )
        if head_text is not None:  # it applies once merged: its errors are reported now
            load_repo_config(head_text, config_input)
    return StepConfig(ScanConfig(config, config_input, text, label, base), tuple(notes))


def _base_commit_id(event: ActionEvent, config_input: str) -> str:
    sha = (event.base_sha or "").lower()
    if not _COMMIT_ID.fullmatch(sha):
        raise UsageError(
            f"the {event.name} event's pull_request.base.sha is {event.base_sha!r}, not a commit "
            f"id; {config_input} of a pull request is read from its base commit, so the step "
            "cannot run without it"
        )
    return sha


def _with_commit(repo: Any, sha: str, config_input: str) -> Any:
    """``repo`` holding commit ``sha``, fetched from ``origin`` when the checkout lacks it."""
    if _has_commit(repo, sha):
        return repo
    workdir = Path(repo.workdir)
    reason = fetch_commit(workdir, sha, shallow=bool(repo.is_shallow))
    fetched = open_repository(workdir)
    if reason is None and fetched is not None and _has_commit(fetched, sha):
        return fetched
    raise UsageError(
        f"cannot read {config_input} from the base commit {sha}: the checkout does not have "
        f"it and `git fetch origin {sha}` failed ({reason or 'the commit did not arrive'}). "
        f"On a pull request {config_input} is read from the base commit, never from the pull "
        "request itself; use actions/checkout with `fetch-depth: 0` (and its default "
        "`persist-credentials`) so that the base can be read"
    )


def fetch_commit(workdir: Path, sha: str, *, shallow: bool) -> str | None:
    """Fetch commit ``sha`` from ``origin`` into the repository at ``workdir``: None when git
    succeeded, else its reason. A shallow checkout stays shallow (one commit more); a full one
    is not made shallow. The runner's git uses the credentials actions/checkout stored."""
    if not _COMMIT_ID.fullmatch(sha):
        return f"{sha!r} is not a commit id"
    command = ["git", "-C", str(workdir), "fetch", "--quiet", "--no-tags"]
    command += ["--no-recurse-submodules", *(["--depth=1"] if shallow else []), "origin", sha]
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0"}
    try:
        done = subprocess.run(  # a fixed argv: sha is checked above
            command, env=env, capture_output=True, text=True, timeout=FETCH_TIMEOUT_S
        )
    except FileNotFoundError:
        return "git is not installed on the runner"
    except subprocess.TimeoutExpired:
        return f"no answer within {FETCH_TIMEOUT_S} s"
    if done.returncode == 0:
        return None
    lines = [line.strip() for line in done.stderr.splitlines() if line.strip()]
    # git says what went wrong on its first "fatal:" line; advice follows it.
    fatal = [line for line in lines if line.startswith(("fatal:", "error:"))]
    said = (fatal or lines or [f"exit status {done.returncode}"])[0]
    return _URL_USERINFO.sub(r"\g<scheme>", said)[:300]


def _repository_path(repo: Any, workspace: Path, config_input: str) -> str | None:
    """The file's path inside the repository, taken lexically (a link in the pull request's
    tree must not choose which file is read); None when it is outside the checkout."""
    top = Path(repo.workdir).resolve()
    start = workspace.resolve()
    full = Path(os.path.normpath(start / config_input))
    try:
        relative = full.relative_to(top).as_posix()
    except ValueError:
        return None
    return None if relative in (".", "") or relative.startswith(".git/") else relative


def _text_at(repo: Any, sha: str | None, path: str, config_input: str) -> str | None:
    import pygit2

    if sha is None:
        return None
    tree = repo[sha].peel(pygit2.Tree)
    try:
        entry = tree[path]
    except KeyError:
        return None
    where = f"input config {config_input} at commit {sha[:SHORT]}"
    if entry.filemode == _GIT_LINK:
        raise UsageError(f"{where}: a symbolic link; commit the configuration file itself")
    blob = repo[entry.id]
    if not isinstance(blob, pygit2.Blob):
        raise UsageError(f"{where}: a folder, not a file; point the input at the file")
    try:
        return bytes(blob.data).decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(f"{where}: not UTF-8 text; save it as UTF-8") from None


def _changed_by_pull_request(
    repo: Any, base_sha: str, path: str, config_input: str, head_text: str | None
) -> bool:
    """Whether the checkout's version differs from the one it started from: the merge base's
    when the history is there (a base branch that moved on is not the pull request's change),
    else the base commit's."""
    head = _head_id(repo)
    if head is None:
        return False
    fork_point = repo.merge_base(base_sha, head)
    since = str(fork_point) if fork_point is not None else base_sha
    return _text_at(repo, since, path, config_input) != head_text


def _has_commit(repo: Any, sha: str) -> bool:
    import pygit2

    try:
        return isinstance(repo[sha].peel(pygit2.Commit), pygit2.Commit)
    except (KeyError, ValueError, pygit2.GitError):
        return False


def _head_id(repo: Any) -> str | None:
    import pygit2

    if repo.head_is_unborn:
        return None
    return str(repo.head.peel(pygit2.Commit).id)
