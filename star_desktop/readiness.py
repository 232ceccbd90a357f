# SPDX-License-Identifier: MIT
"""Whether a draft may be submitted for approval: the policy's prerequisites, as reasons."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from checks import Finding, Report, Severity
from star_desktop.storage import Override, Person

#: Data Protection training counts for this long (the policy asks for it to be current).
TRAINING_VALID_FOR = dt.timedelta(days=365)


@dataclass(frozen=True, slots=True)
class Readiness:
    """The answer to "can this be submitted?": ``reasons`` is empty when it can."""

    reasons: tuple[str, ...]

    @property
    def ready(self) -> bool:
        """True when nothing stands in the way."""
        return not self.reasons


def is_overridden(finding: Finding, overrides: Iterable[Override]) -> bool:
    """True when the author ignored this finding (same check on the same text)."""
    return any(o.check == finding.check and o.text == finding.text for o in overrides)


def readiness(
    report: Report,
    overrides: Sequence[Override],
    person: Person | None,
    today: dt.date,
    *,
    images_without_alt: int = 0,
) -> Readiness:
    """Every reason the draft cannot be submitted yet, in the order an author fixes them."""
    reasons: list[str] = []
    blocking = [
        f
        for f in report.findings
        if f.severity is Severity.BLOCK and not is_overridden(f, overrides)
    ]
    if blocking:
        count = len(blocking)
        reasons.append(
            f"{count} blocking issue{'s' if count != 1 else ''} remain"
            f"{'s' if count == 1 else ''}: fix or remove "
            f"{'it' if count == 1 else 'them'} first."
        )
    unexplained = [o for o in overrides if not o.reason.strip()]
    if unexplained:
        reasons.append(f"An ignored finding ('{unexplained[0].text}') has no reason recorded.")
    if images_without_alt:
        reasons.append(
            f"{images_without_alt} image{'s' if images_without_alt != 1 else ''} without alt text."
        )
    if person is None or person.dp_training is None:
        reasons.append(
            "Your Data Protection training is not recorded: add its date in your profile."
        )
    elif today - person.dp_training > TRAINING_VALID_FOR:
        reasons.append(
            f"Your Data Protection training ({person.dp_training:%d %B %Y}) is more than a "
            "year old: refresh it and update your profile."
        )
    return Readiness(tuple(reasons))
