# SPDX-License-Identifier: MIT
"""A LanguageTool server that an administrator configured, through language-tool-python."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable
from typing import Any

from checks.adapters.harper_linter import Lint

logger = logging.getLogger(__name__)

# language-tool-python keeps the text of the last check in a class attribute while it
# corrects offsets, so checks from different clients must not overlap.
_MATCH_LOCK = threading.Lock()
RETRY_SECONDS = 60.0


def utf16_end(text: str, start: int, units: int) -> int:
    """The Python offset ``units`` UTF-16 code units after ``start`` in ``text``."""
    end = start
    while units > 0 and end < len(text):
        units -= 2 if ord(text[end]) > 0xFFFF else 1
        end += 1
    return end


class LanguageToolClient:
    """Checks texts on the LanguageTool server at ``url`` (``http://host:8081``).

    Nothing is sent until the first check. The client never downloads or starts a
    LanguageTool of its own. When the server cannot be reached, `check` returns ``None``,
    `problem` says why in one sentence, one warning is logged, and the next attempt waits
    `RETRY_SECONDS`. Spelling categories are switched off: spelling is enchant's job.
    """

    def __init__(
        self,
        url: str,
        language: str = "en-GB",
        timeout: float = 5.0,
        disabled_rules: Iterable[str] = (),
    ) -> None:
        """Remember the server and options; ``timeout`` is per request, in seconds."""
        self.url = url
        self.language = language
        self.timeout = timeout
        self.disabled_rules = frozenset(disabled_rules)
        self._tool: Any = None
        self._problem = ""
        self._retry_at = 0.0
        self._warned = False
        self._lock = threading.Lock()

    @property
    def problem(self) -> str:
        """Why the server is not used (empty when it is, or before first use)."""
        return self._problem

    def status(self) -> str:
        """One sentence for the UI."""
        return self._problem or f"Grammar: LanguageTool at {self.url} ({self.language})."

    def check(self, text: str) -> list[Lint] | None:
        """The server's matches on ``text`` in Python string offsets; ``None`` when unreachable."""
        with self._lock:
            if self._tool is None and not self._connect():
                return None
            try:
                with _MATCH_LOCK:
                    matches = self._tool.check(text)
            except Exception as exc:  # requests, LanguageToolError, bad JSON
                self._fail(exc)
                self._tool = None
                return None
        lints = []
        for match in matches:
            start = max(0, min(int(match.offset), len(text)))
            end = utf16_end(text, start, int(match.error_length))
            if end > start:
                fixes = tuple(dict.fromkeys(r for r in match.replacements[:5] if r))
                lints.append(Lint(start, end, str(match.rule_id), str(match.message), fixes))
        return lints

    def _connect(self) -> bool:
        if time.monotonic() < self._retry_at:
            return False
        try:
            import language_tool_python

            # host is given so that construction does not resolve "localhost" itself.
            tool = language_tool_python.LanguageTool(
                self.language, remote_server=self.url, host="127.0.0.1"
            )
        except Exception as exc:  # unreachable, not LanguageTool, language unsupported
            self._fail(exc)
            return False
        setattr(tool, "_TIMEOUT", self.timeout)  # noqa: B010 (the library waits 300 s by default)
        tool.disable_spellchecking()
        tool.disabled_rules.update(self.disabled_rules)
        self._tool = tool
        self._problem = ""
        return True

    def _fail(self, exc: Exception) -> None:
        self._retry_at = time.monotonic() + RETRY_SECONDS
        reason = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        self._problem = (
            f"LanguageTool at {self.url} cannot be reached ({reason}); "
            "grammar is checked with Harper instead."
        )
        if not self._warned:
            self._warned = True
            logger.warning("%s", self._problem)
