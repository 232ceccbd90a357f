# SPDX-License-Identifier: MIT
"""The author's personal word list ("add to dictionary"), one word a line in a UTF-8 file."""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path

import platformdirs

#: Environment variable that overrides where the personal word list lives.
ENV_VAR = "STAR_DESKTOP_WORDS"
FILE_NAME = "personal-words.txt"


def default_path() -> Path:
    """``$STAR_DESKTOP_WORDS`` when set, else ``personal-words.txt`` in the user data folder."""
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir("STAR Desktop", "STAR Procurement")) / FILE_NAME


def read_word_list(path: Path) -> list[str]:
    """The words of a word list file: one a line, blank lines and ``#`` comments skipped."""
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        word = line.strip()
        if word and not word.startswith("#"):
            words.append(word)
    return words


class PersonalWords:
    """A word list that persists to ``path``; reloads when another instance changes the file.

    Words compare case-insensitively. Nothing touches the disk until the first lookup
    (a read) or `add`/`remove` (an atomic write: a temporary file, then a rename).
    """

    def __init__(self, path: Path | None = None) -> None:
        """Use ``path``, or `default_path` when ``None``."""
        self.path = path if path is not None else default_path()
        self._words: dict[str, str] = {}  # folded -> as written
        self._stamp: tuple[int, int, int] | None = None
        self._folded: frozenset[str] | None = None
        self._lock = threading.Lock()

    def add(self, word: str) -> None:
        """Accept ``word`` from now on, in this and every later session."""
        word = _clean(word)
        with self._lock:
            self._refresh()
            if word.casefold() not in self._words:
                self._words[word.casefold()] = word
                self._save()

    def remove(self, word: str) -> None:
        """Stop accepting ``word`` (nothing happens when it is not in the list)."""
        with self._lock:
            self._refresh()
            if self._words.pop(word.strip().casefold(), None) is not None:
                self._save()

    def contains(self, word: str) -> bool:
        """True when ``word`` is in the list, in any case."""
        with self._lock:
            self._refresh()
            return word.casefold() in self._words

    __contains__ = contains

    def folded(self) -> frozenset[str]:
        """The case-folded words, as one set (re-read only when the file has changed)."""
        with self._lock:
            self._refresh()
            if self._folded is None:
                self._folded = frozenset(self._words)
            return self._folded

    def words(self) -> tuple[str, ...]:
        """The words, as written, sorted."""
        with self._lock:
            self._refresh()
            return tuple(sorted(self._words.values(), key=str.casefold))

    def stamp(self) -> tuple[int, int, int] | None:
        """Identifies the file's current version (``None`` when it does not exist)."""
        with self._lock:
            self._refresh()
            return self._stamp

    def _refresh(self) -> None:
        try:
            info = self.path.stat()
        except OSError:
            if self._stamp is not None or self._words:
                self._words, self._stamp, self._folded = {}, None, None
            return
        stamp = (info.st_mtime_ns, info.st_size, info.st_ino)
        if stamp != self._stamp:
            try:
                words = read_word_list(self.path)
            except (OSError, UnicodeDecodeError):
                words = []  # an unreadable list accepts nothing rather than failing a check
            self._words = {w.casefold(): w for w in words}
            self._stamp, self._folded = stamp, None

    def _save(self) -> None:
        self._folded = None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = "".join(f"{w}\n" for w in sorted(self._words.values(), key=str.casefold))
        handle, temporary = tempfile.mkstemp(
            prefix=".personal-words-", suffix=".tmp", dir=self.path.parent
        )
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
                stream.write(text)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        info = self.path.stat()
        self._stamp = (info.st_mtime_ns, info.st_size, info.st_ino)


def _clean(word: str) -> str:
    word = word.strip()
    if not word or any(c.isspace() for c in word):
        raise ValueError(f"not a single word: {word!r}")
    return word


def fold_all(words: Iterable[str]) -> frozenset[str]:
    """The case-folded forms of ``words``."""
    return frozenset(w.casefold() for w in words)
