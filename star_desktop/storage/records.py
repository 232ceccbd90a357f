# SPDX-License-Identifier: MIT
"""The records the store hands out: drafts, revisions, months, people and the rest."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from typing import Any


class Status(enum.StrEnum):
    """Where a draft is in the workflow of DESIGN.md."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    CHANGES_REQUESTED = "changes_requested"
    REJECTED = "rejected"
    PUBLISHED = "published"
    ARCHIVED = "archived"


@dataclasses.dataclass(frozen=True, slots=True)
class Category:
    """An acceptable kind of content from Appendix A of the strategy.

    Attributes:
        name: The short name used on the command line and in the database.
        label: Appendix A's wording.
        mix: The part of the equal content mix it counts towards: ``good-news``,
            ``self-promotion`` or ``topical``.
    """

    name: str
    label: str
    mix: str


CATEGORIES: tuple[Category, ...] = (
    Category(
        "chest-opportunity", "Details of current opportunities on The Chest", "self-promotion"
    ),
    Category("good-news-star", "Good news stories about STAR Procurement", "good-news"),
    Category(
        "good-news-councils",
        "Good news stories about any of the STAR Councils and partner organisations",
        "good-news",
    ),
    Category(
        "contract-award",
        "Good news stories arising from contract award (e.g. Social Value capture)",
        "good-news",
    ),
    Category("personal-expertise", "Personal expertise within the STAR team", "self-promotion"),
    Category(
        "public-domain",
        "Signposting to acceptable material already in the public domain",
        "topical",
    ),
    Category(
        "positive-coverage",
        "Highlighting / signposting to positive media coverage about STAR Procurement",
        "self-promotion",
    ),
    Category("professional-experience", "Professional experience within the team", "good-news"),
    Category(
        "team-today",
        "What team members are up to that day / upcoming team or category meetings",
        "good-news",
    ),
    Category(
        "upcoming-event",
        "Details of upcoming events, e.g. meet the buyer, business forum meetings",
        "self-promotion",
    ),
    Category(
        "useful-content",
        "Share content that might be relevant / useful to our identified audiences",
        "topical",
    ),
)
CATEGORY_NAMES: tuple[str, ...] = tuple(c.name for c in CATEGORIES)


@dataclasses.dataclass(frozen=True, slots=True)
class Draft:
    """A post as stored. ``version`` goes up by one with every saved change."""

    id: int
    title: str
    text: str
    platforms: tuple[str, ...]
    audiences: tuple[str, ...]
    category: str | None
    date: dt.date | None
    time: dt.time | None
    status: Status
    author: str | None
    created: str
    updated: str
    version: int
    example: bool

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary (dates as ISO strings)."""
        return _scheduled_json(self, audiences=list(self.audiences))


@dataclasses.dataclass(frozen=True, slots=True)
class DraftSummary:
    """A draft in a list: everything but the full text, with an excerpt."""

    id: int
    title: str
    excerpt: str
    platforms: tuple[str, ...]
    category: str | None
    date: dt.date | None
    time: dt.time | None
    status: Status
    version: int
    example: bool
    images: int = 0
    #: "" for this PC's own drafts; for a team member's post (read-only here, fetched
    #: from the team server), its author's name, and ``id`` is then negative.
    author: str = ""

    @property
    def mine(self) -> bool:
        """True for this PC's own draft, False for a team member's post."""
        return not self.author

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary (dates as ISO strings)."""
        return _scheduled_json(self)


@dataclasses.dataclass(frozen=True, slots=True)
class Revision:
    """The text of a draft as saved at one version."""

    draft_id: int
    version: int
    saved: str
    text: str


@dataclasses.dataclass(frozen=True, slots=True)
class Month:
    """A month of the content calendar: its theme and posting targets per platform."""

    month: str
    theme: str
    focus: str
    targets: dict[str, int]
    example: bool


@dataclasses.dataclass(frozen=True, slots=True)
class Person:
    """A team member; the policy requires Data Protection training before posting."""

    id: int
    name: str
    dp_training: dt.date | None


@dataclasses.dataclass(frozen=True, slots=True)
class Override:
    """A finding the author chose to ignore, with the reason, who and when."""

    id: int
    draft_id: int
    check: str
    text: str
    reason: str
    person: str
    created: str


@dataclasses.dataclass(frozen=True, slots=True)
class Event:
    """An event on the calendar, such as Meet the Buyer or a business forum."""

    id: int
    title: str
    kind: str
    date: dt.date
    location: str
    notes: str
    example: bool


@dataclasses.dataclass(frozen=True, slots=True)
class Approval:
    """An approver's decision on a draft, tied to the hash of the text approved."""

    id: int
    draft_id: int
    decision: str
    approver: str
    comment: str
    text_sha256: str
    decided: str


@dataclasses.dataclass(frozen=True, slots=True)
class Transition:
    """One status change of a draft: what was done, by whom, when and why."""

    id: int
    draft_id: int
    action: str
    from_status: Status
    to_status: Status
    person: str
    reason: str
    at: str


@dataclasses.dataclass(frozen=True, slots=True)
class Engagement:
    """How a published post did on one platform, as the author recorded it."""

    draft_id: int
    platform: str
    impressions: int
    engagements: int
    clicks: int
    recorded: str


#: Who an image shows, as the author confirms it ('' until answered).
PEOPLE = ("none", "adults", "children")


@dataclasses.dataclass(frozen=True, slots=True)
class Image:
    """An image attached to a draft: its stripped copy, alt text and the author's checks.

    Attributes:
        path: The stripped copy in the app's data folder.
        original: The name of the file it was attached from (the author knows it by this).
        removed: What was stripped from the original, in words.
        no_personal: The author confirmed it shows no personal information.
        no_security: ... and no security details of buildings, facilities or equipment.
        people: Who can be identified in it: '' (not answered), none, adults, children.
        consent: The consent reference, needed when people can be identified.
    """

    id: int
    draft_id: int
    path: str
    alt: str
    sha256: str
    position: int
    original: str = ""
    width: int = 0
    height: int = 0
    format: str = ""
    bytes: int = 0
    removed: tuple[str, ...] = ()
    no_personal: bool = False
    no_security: bool = False
    people: str = ""
    consent: str = ""
    confirmed_by: str = ""
    confirmed_at: str = ""

    @property
    def name(self) -> str:
        """The name the author knows it by: the file attached, else the stored copy's."""
        return self.original or self.path.replace("\\", "/").rsplit("/", 1)[-1]


def utc_now() -> str:
    """The current UTC time as an ISO string with milliseconds."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


def _scheduled_json(record: Draft | DraftSummary, **extra: list[str]) -> dict[str, Any]:
    """``record`` as JSON-ready values: platforms as a list, ISO date and time, status."""
    out = dataclasses.asdict(record)
    out.update(
        platforms=list(record.platforms),
        date=record.date.isoformat() if record.date else None,
        time=record.time.isoformat("minutes") if record.time else None,
        status=record.status.value,
        **extra,
    )
    return out
