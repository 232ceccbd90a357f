# SPDX-License-Identifier: MIT
"""The pre-election period: inside it, any party, councillor or candidate name blocks."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from checks.findings import Finding
from checks.kinds.existence import Existence
from checks.lexicon import Lexicon
from checks.rules import Context, PolicyError, Rule, string_list

KIND = "election"


def _date(value: object, key: str) -> dt.date | None:
    if value in ("", None):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise PolicyError(f"election: '{key}' must be a date, YYYY-MM-DD, not {value!r}")


def read_period(election: object) -> tuple[dt.date, dt.date] | None:
    """The pre-election period of an ``[election]`` table, or None when no dates are set.

    The one reading of the table: the policy loader calls it (so a bad table is refused
    at load, with its file and line, whatever rules are on) and keeps the result as
    `checks.Policy.election`; the rules and the calendar use that.

    Raises:
        PolicyError: Not a table, a value that is not a date, one date without the
            other, or an end before the start.
    """
    if not isinstance(election, Mapping):
        raise PolicyError("election: must be a table ([election])")
    start = _date(election.get("period_start"), "period_start")
    end = _date(election.get("period_end"), "period_end")
    if (start is None) != (end is None):
        raise PolicyError("election: give both period_start and period_end, or neither")
    if start is None or end is None:
        return None
    if end < start:
        raise PolicyError("election: period_end is before period_start")
    return start, end


class PreElection:
    """Flag party, councillor and candidate names in posts dated inside the period."""

    def __init__(self, rule: Rule, election: Mapping[str, Any], lexicon: Lexicon) -> None:
        """Read the period and names from the policy's ``[election]`` table."""
        dates = read_period(election)
        self.start: dt.date | None = dates[0] if dates else None
        self.end: dt.date | None = dates[1] if dates else None
        parties = string_list(election, "parties", rule.id)
        exceptions = string_list(election, "not_followed_by", rule.id)
        names = string_list(election, "councillors", rule.id) + string_list(
            election, "candidates", rule.id
        )
        party = "|".join(
            re.escape(p).replace(r"\ ", r"\s+") for p in sorted(parties, key=len, reverse=True)
        )
        unless = "|".join(re.escape(e) for e in exceptions)
        patterns = [r"\b(?:Cllr\.?|Councillor)\s+[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?"]
        if party:
            patterns.append(rf"\b(?:{party})\b" + (rf"(?!\s+(?i:{unless})\b)" if unless else ""))
        period = f"{self.start} to {self.end}"
        message = rule.message.replace("{period_start}", str(self.start)).replace(
            "{period_end}", str(self.end)
        )
        options = {"terms": names, "patterns": patterns, "case_sensitive": True}
        options["suggestions"] = list(rule.options.get("suggestions", []))
        self.finder = Existence(
            dataclasses.replace(rule, message=message, options=options), lexicon
        )
        self.period = period

    def active(self, date: dt.date) -> bool:
        """True when ``date`` falls inside the configured period."""
        return bool(self.start and self.end and self.start <= date <= self.end)

    def run(self, ctx: Context) -> Iterator[Finding]:
        """Yield a finding for each name, only inside the period."""
        if self.active(ctx.date):
            yield from self.finder.run(ctx)


class _All:
    def __init__(self, checkers: Sequence[PreElection]) -> None:
        self.checkers = checkers

    def run(self, ctx: Context) -> Iterator[Finding]:
        for checker in self.checkers:
            yield from checker.run(ctx)


def build(rules: Sequence[Rule], data: Mapping[str, Any], lexicon: Lexicon) -> _All:
    """One pre-election checker per rule of this kind, over the ``[election]`` table."""
    election = data.get("election", {})
    read_period(election)  # a table with sound dates, or a PolicyError
    return _All([PreElection(rule, election, lexicon) for rule in rules])
