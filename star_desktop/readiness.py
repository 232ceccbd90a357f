# SPDX-License-Identifier: MIT
"""Whether a draft may be submitted for approval: the policy's prerequisites, as reasons.

The drafts service (`star_desktop.drafts`) is the only caller that matters: the window,
the command line and approval packs all ask it, and it asks this module.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from checks import Finding, Report, Severity
from checks.image_limits import ImageLimits
from star_desktop.storage import Draft, Image, Override, Person

#: Data Protection training counts for this long (the policy asks for it to be current).
TRAINING_VALID_FOR = dt.timedelta(days=365)
#: An approver reads every reason for an ignored blocking finding: it must say something.
MIN_REASON_WORDS = 3
MIN_REASON_CHARACTERS = 12


@dataclass(frozen=True, slots=True)
class Readiness:
    """The answer to "can this be submitted?": ``reasons`` is empty when it can."""

    reasons: tuple[str, ...]

    @property
    def ready(self) -> bool:
        """True when nothing stands in the way."""
        return not self.reasons


#: The text of an override that ignores every finding of its check in the draft.
EVERY = "*"


def is_overridden(finding: Finding, overrides: Iterable[Override]) -> bool:
    """True when the author ignored this finding, or every finding of its check here.

    An override names the check and the text ignored, or `EVERY` ("Ignore all").
    """
    return any(o.check == finding.check and o.text in (finding.text, EVERY) for o in overrides)


def reason_problem(reason: str) -> str | None:
    """Why ``reason`` is not enough to ignore a finding, or None when it is."""
    words = reason.split()
    if len(words) < MIN_REASON_WORDS or len(reason.strip()) < MIN_REASON_CHARACTERS:
        return (
            f"a reason must say why in at least {MIN_REASON_WORDS} words "
            "(your manager reads it when approving)"
        )
    return None


def image_problems(
    number: int, image: Image, platforms: Sequence[str], limits: ImageLimits
) -> list[str]:
    """What stands in the way of submitting image ``number`` (1 for the first)."""
    label = f"Image {number}"
    problems = []
    alt = image.alt.strip()
    if not alt:
        problems.append(f"{label} has no alt text: describe what it shows.")
    for platform in platforms:
        most = limits.alt_limits.get(platform)
        if most and len(alt) > most:
            problems.append(
                f"{label}'s alt text has {len(alt):,} characters; {PLATFORM_NAMES[platform]} takes "
                f"at most {most:,}: shorten it."
            )
        largest = limits.upload_limits.get(platform)
        if largest and image.bytes > largest:
            problems.append(
                f"{label} is {image.bytes / 1e6:.1f} MB; {PLATFORM_NAMES[platform]} takes at most "
                f"{largest / 1e6:.0f} MB: shrink it."
            )
    if not (image.no_personal and image.no_security):
        problems.append(
            f"{label}: confirm it shows no personal information and no security details of "
            "buildings, facilities or equipment."
        )
    if not image.people:
        problems.append(f"{label}: say whether anyone can be identified in it.")
    elif image.people != "none" and not image.consent.strip():
        whose = "a parent's or guardian's" if image.people == "children" else "their"
        problems.append(
            f"{label} shows people who can be identified: record the reference of {whose} consent."
        )
    return problems


#: Each platform as a sentence names it ("X takes at most ...", "copied for the website").
PLATFORM_NAMES = {"x": "X", "linkedin": "LinkedIn", "website": "the website"}


def training_problem(person: Person | None, today: dt.date) -> str | None:
    """Why the author's Data Protection training does not count today, or None."""
    if person is None or person.dp_training is None:
        return "Your Data Protection training is not recorded: add its date in your profile."
    trained = person.dp_training
    if trained > today:
        return (
            f"Your Data Protection training date ({trained:%d %B %Y}) is in the future: "
            "correct it in your profile."
        )
    if today - trained > TRAINING_VALID_FOR:
        return (
            f"Your Data Protection training ({trained:%d %B %Y}) is more than a year old: "
            "refresh it and update your profile."
        )
    return None


def readiness(
    draft: Draft,
    report: Report,
    overrides: Sequence[Override],
    person: Person | None,
    today: dt.date,
    *,
    images: Sequence[Image] = (),
    limits: ImageLimits | None = None,
) -> Readiness:
    """Every reason ``draft`` cannot be submitted yet, in the order an author fixes them.

    Args:
        draft: The draft as stored (its details; ``report`` holds the checked text).
        report: The check of its title and text (`star_desktop.draft_checks`).
        overrides: The findings ignored on it, with their reasons.
        person: The author's profile (None when not set).
        today: The day of submission.
        images: Its images.
        limits: The policy's image limits (alt text and file size per platform).
    """
    reasons: list[str] = []
    if not report.text.strip():
        reasons.append("The post has no text yet.")
    for finding in report.findings:
        if finding.severity is Severity.BLOCK and not is_overridden(finding, overrides):
            where = " in the title" if finding.part == "title" else ""
            reasons.append(
                f"Blocking ({finding.check}){where}: \u2018{finding.text}\u2019 \u2013 "
                f"{finding.message} Fix it, or ignore it with a reason."
            )
    for override in overrides:
        problem = reason_problem(override.reason)
        if problem is not None:
            reasons.append(
                f"The reason for ignoring \u2018{override.text}\u2019 ({override.check}), "
                f"\u201c{override.reason.strip()}\u201d, is not enough: {problem}."
            )
    if not draft.platforms:
        reasons.append("Choose at least one platform (X, LinkedIn or the website).")
    if not draft.audiences:
        reasons.append("Choose at least one audience: reading-age targets depend on it.")
    if draft.category is None:
        reasons.append("Choose a content category from Appendix A: the content mix depends on it.")
    for number, image in enumerate(images, 1):
        reasons += image_problems(number, image, draft.platforms, limits or ImageLimits())
    training = training_problem(person, today)
    if training is not None:
        reasons.append(training)
    return Readiness(tuple(reasons))
