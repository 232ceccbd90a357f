# SPDX-License-Identifier: MIT
"""What is checked of a draft: its title and its text, with its details and images.

A draft's title is read by the approver, shown on the website and in the calendar, so
every compliance rule runs on it too. `DraftCheck` is the one place that builds a
check from a draft; the editor's worker thread, readiness, the calendar and approval
packs all use it, so a title naming a councillor in the pre-election period is flagged
everywhere or nowhere.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable

import checks
from star_desktop.storage import Draft, Image

#: Findings about the body as a whole (its length, its reading age) say nothing of a
#: title, which is a few words that the body's counters already measure; nor does
#: grammar, which reads a title's fragment as an unfinished sentence.
_BODY_ONLY = frozenset({"length", "plain-english", "accessibility", "grammar"})


@dataclasses.dataclass(frozen=True, slots=True)
class DraftCheck:
    """Everything one check of a draft needs: plain values, safe to pass to a thread."""

    text: str
    title: str = ""
    platforms: tuple[str, ...] = ("x",)
    audiences: tuple[str, ...] = ()
    date: dt.date | None = None
    images: tuple[checks.ImageRef, ...] = ()

    @classmethod
    def of(
        cls, draft: Draft, images: Iterable[Image] = (), *, text: str | None = None
    ) -> DraftCheck:
        """The check of ``draft`` (with ``text`` in place of its saved text, if given)."""
        return cls(
            text=draft.text if text is None else text,
            title=draft.title,
            platforms=draft.platforms or ("x",),
            audiences=draft.audiences,
            date=draft.date,
            images=tuple(checks.ImageRef(i.name, i.alt) for i in images),
        )

    def run(self, policy: checks.Policy) -> checks.Report:
        """Check the text, then the title; title findings come first, marked ``part="title"``.

        The report's ``text``, lengths and metrics are the body's; a title finding's
        offsets are in the title.
        """
        report = checks.check(
            self.text,
            platforms=self.platforms,
            audiences=self.audiences,
            date=self.date,
            policy=policy,
            title=self.title,
            images=self.images,
        )
        if not self.title.strip():
            return report
        titled = checks.check(
            self.title,
            platforms=self.platforms,
            audiences=self.audiences,
            date=self.date,
            policy=policy,
        )
        in_title = [
            dataclasses.replace(f, part="title")
            for f in titled.findings
            if f.rule not in _BODY_ONLY and f.start < f.end
        ]
        return dataclasses.replace(report, findings=in_title + report.findings)


def reading_age_target(policy: checks.Policy, audiences: Iterable[str]) -> tuple[float, str] | None:
    """The reading age the post should not exceed, and whom it is for.

    The lowest target among ``audiences`` (``[plain_english.reading_age]``), else the
    default; None when the policy sets none. The plain-english rule reads the same table.
    """
    table = policy.data.get("plain_english", {}).get("reading_age", {})
    named = [(float(table[a]), a) for a in audiences if a in table]
    if named:
        return min(named)
    default = table.get("default")
    return (float(default), "a general audience") if default is not None else None
