# SPDX-License-Identifier: MIT
"""A lock between programs opening the same database: one creates or upgrades it at a time.

Eight commands started at once on a missing database each saw an empty file, and each
tried to create the tables ("table people already exists"), to stamp the file's id
(another saw a half-made file as "a database of another program"), or to fill the
sample calendar. Opening now holds an operating-system lock on ``star.db.lock`` beside
the database (``fcntl`` on Linux and macOS, ``msvcrt`` on Windows): the others wait,
then find the file made. The lock goes with the program, even if it is killed.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from star_desktop.storage.errors import BusyError, LocationError

#: How long a program waits for another that is creating or upgrading the database.
WAIT_SECONDS = 60.0


#: Why a lock file cannot be made: the folder (or the file) is read-only, or the disk.
_READ_ONLY = (errno.EACCES, errno.EPERM, errno.EROFS)


@contextlib.contextmanager
def holding(database: Path, wait: float = WAIT_SECONDS) -> Iterator[bool]:
    """Hold the lock of ``database`` (waiting up to ``wait`` seconds for it).

    Yields False, holding nothing, when the lock file cannot be made or opened for
    writing because the folder is read-only: the caller must then only read.
    """
    lock_path = database.with_name(database.name + ".lock")
    try:
        handle = lock_path.open("a+b")
    except OSError as exc:
        if exc.errno in _READ_ONLY and database.is_file():
            yield False
            return
        raise LocationError(f"Cannot open {database}: {exc.strerror}.", database) from None
    try:
        deadline = time.monotonic() + wait
        while not _try_lock(handle.fileno()):
            if time.monotonic() > deadline:
                raise BusyError(
                    f"{database} is being created or upgraded by another program; "
                    "try again in a minute.",
                    database,
                )
            time.sleep(0.05)
        try:
            yield True
        finally:
            _unlock(handle.fileno())
    finally:
        handle.close()


if sys.platform == "win32":  # pragma: no cover (Windows)
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
