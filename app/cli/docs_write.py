"""Writing ``vibe docs`` edits into a checkout without ever following a symbolic link.

The checkout decides where its links point, so a ``README.md`` or ``docs/`` that links out of
the tree would otherwise be written wherever it points. :func:`is_link` lets ``vibe docs`` find
such a link before anything is written (to say which one); :func:`write_inside` then opens every
directory and the file itself relative to its parent with ``O_NOFOLLOW``, so that a link made
between the check and the write is refused too, and checks that the file it opened is a regular
file inside the root.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from app.errors import UsageError
from app.printable import printable

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # a FIFO planted as README.md must not block us
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


class RefusedWrite(UsageError):
    """A file ``vibe docs`` will not write: a link (or something else than a file) is in the
    way, or the path would leave the root."""


def is_link(root: Path, relpath: str) -> bool:
    return (root / relpath).is_symlink()


def write_inside(root: Path, relpath: str, content: bytes) -> None:
    """Write ``content`` to ``root/relpath``, creating missing directories, never through a
    link; :class:`RefusedWrite` names what was in the way."""
    parts = relpath.split("/")
    if any(part in ("", ".", "..") for part in parts):
        raise RefusedWrite(f"{printable(relpath)}: not a path inside the repository; not written")
    real_root = os.path.realpath(root)
    directory = os.open(real_root, os.O_RDONLY | _DIRECTORY | _CLOEXEC)
    try:
        for depth, part in enumerate(parts[:-1]):
            inner = _open_directory(directory, part, "/".join(parts[: depth + 1]), relpath)
            os.close(directory)
            directory = inner
        _write_file(directory, parts[-1], relpath, content)
    finally:
        os.close(directory)
    resolved = os.path.realpath(Path(real_root, relpath))
    if os.path.commonpath([real_root, resolved]) != real_root:  # the links were refused above
        raise RefusedWrite(f"{printable(relpath)} resolves outside the repository ({resolved})")


def _open_directory(parent: int, name: str, shown: str, relpath: str) -> int:
    flags = os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC
    try:
        return os.open(name, flags, dir_fd=parent)
    except FileNotFoundError:
        os.mkdir(name, 0o777, dir_fd=parent)
        return os.open(name, flags, dir_fd=parent)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENOTDIR):
            raise RefusedWrite(_in_the_way(parent, name, shown, relpath)) from None
        raise


def _write_file(parent: int, name: str, relpath: str, content: bytes) -> None:
    flags = os.O_WRONLY | os.O_CREAT | _NOFOLLOW | _NONBLOCK | _CLOEXEC
    try:
        handle = os.open(name, flags, 0o666, dir_fd=parent)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENXIO, errno.EISDIR):
            raise RefusedWrite(_in_the_way(parent, name, relpath, relpath)) from None
        raise
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            raise RefusedWrite(_in_the_way(parent, name, relpath, relpath))
        os.ftruncate(handle, 0)
        view = memoryview(content)
        while view:
            view = view[os.write(handle, view) :]
    finally:
        os.close(handle)


def _in_the_way(parent: int, name: str, shown: str, relpath: str) -> str:
    mode = os.lstat(name, dir_fd=parent).st_mode
    if stat.S_ISLNK(mode):
        what = "a symbolic link"
    elif stat.S_ISDIR(mode):
        what = "a directory"
    else:
        what = "not a regular file or directory"
    message = f"{printable(shown)} is {what}; left as it is"
    if shown != relpath:
        message += f" ({printable(relpath)} not written through it)"
    return message
