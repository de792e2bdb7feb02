"""Writing the files the command line makes (exports, backups, reports, plans) safely.

A file is written whole or not at all: the bytes go to a temporary file in the target's
folder, are flushed to the disk (``fsync``), and only then take the target's name with
``os.replace``, which is atomic on one file system. A full disk, a file size limit, a
read-only folder or an interruption at any moment leaves the previous file as it was
(and no temporary file behind). A failure is one :class:`~allies.errors.AlliesError`
naming the file and saying what to do, which the command line prints as one message,
never as a traceback.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> folder = Path(tempfile.mkdtemp())
>>> write_file(folder / "out.txt", b"hello")
>>> (folder / "out.txt").read_bytes()
b'hello'
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from allies.errors import AlliesError

__all__ = ["FileWriteError", "write_file", "write_text"]


class FileWriteError(AlliesError):
    """A file could not be written; the previous one, if any, is untouched."""


#: What to do, by the reason the system gave.
_HINTS: dict[int, str] = {
    errno.ENOSPC: "The disk is full: free some space, or write the file elsewhere.",
    errno.EDQUOT: "The disk quota is used up: free some space, or write the file elsewhere.",
    errno.EFBIG: "The file is larger than this system allows here: write it elsewhere.",
    errno.EACCES: "You may not write there: choose a folder you can write to.",
    errno.EPERM: "You may not write there: choose a folder you can write to.",
    errno.EROFS: "That disk is read-only: choose a folder on another one.",
    errno.ENOENT: "The folder does not exist: create it first, or choose another.",
    errno.ENOTDIR: "Part of the path is a file, not a folder: choose another path.",
    errno.EISDIR: "That is a folder: give a file name inside it.",
}


def _failure(path: Path, error: OSError) -> FileWriteError:
    reason = error.strerror or str(error)
    hint = _HINTS.get(error.errno or 0, "Check the path and the disk, then try again.")
    kept = " The previous file is unchanged." if path.exists() else ""
    return FileWriteError(f"Could not write {path}: {reason}.{kept}", hint=hint)


def write_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically: all of it, or nothing changes.

    Parameters
    ----------
    path
        The file to write (replaced when it exists; its folder must exist).
    data
        Everything the file is to hold.

    Raises
    ------
    FileWriteError
        When the file cannot be written (full disk, no permission, no such folder ...);
        the file that was there is intact and no temporary file is left.
    """
    target = Path(path).expanduser()
    if target.is_dir():
        raise _failure(target, IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR)))
    folder = target.parent
    partial: str | None = None
    try:
        handle, partial = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=folder)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if target.exists():
            os.chmod(partial, target.stat().st_mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(partial, 0o666 & ~umask)
        os.replace(partial, target)
        partial = None
        _sync_folder(folder)
    except OSError as error:
        raise _failure(target, error) from None
    finally:
        if partial is not None:
            Path(partial).unlink(missing_ok=True)


def write_text(path: Path, text: str) -> None:
    """:func:`write_file` for text, encoded as UTF-8."""
    write_file(path, text.encode("utf-8"))


def _sync_folder(folder: Path) -> None:
    """Flush the folder's entry for the renamed file (where the system allows it)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
