# SPDX-License-Identifier: MIT
"""Month summaries for the calendar: content mix, council mentions, targets, gaps, election."""

from __future__ import annotations

import calendar as calendar_
import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, overload

import checks
from checks.families import elections
from star_desktop.storage import CATEGORIES, DraftSummary, Event, Status, Store
from star_desktop.team.posts import team_summaries, team_texts

#: The parts of the content mix; the strategy wants them in equal thirds.
MIX_GROUPS: tuple[str, ...] = ("good-news", "self-promotion", "topical")
MIX_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "good-news": "Internal good news",
        "self-promotion": "Self-promotion",
        "topical": "Topical stories",
    }
)
PLATFORM_LABELS: Mapping[str, str] = MappingProxyType(
    {"x": "X (Twitter)", "linkedin": "LinkedIn", "website": "Website"}
)
STATUS_LABELS: Mapping[Status, str] = MappingProxyType(
    {
        Status.DRAFT: "Draft",
        Status.SUBMITTED: "Submitted",
        Status.APPROVED: "Approved",
        Status.PUBLISHED: "Published",
        Status.REJECTED: "Rejected",
        Status.CHANGES_REQUESTED: "Changes requested",
        Status.ARCHIVED: "Archived",
    }
)
CATEGORY_LABELS: Mapping[str, str] = MappingProxyType({c.name: c.label for c in CATEGORIES})
#: Short names of Appendix A's categories, for narrow columns (the full label in tooltips).
CATEGORY_SHORT: Mapping[str, str] = MappingProxyType(
    {
        "chest-opportunity": "Opportunities on The Chest",
        "good-news-star": "Good news: STAR",
        "good-news-councils": "Good news: councils and partners",
        "contract-award": "Good news: contract award",
        "personal-expertise": "Team expertise",
        "public-domain": "Signposting: public domain",
        "positive-coverage": "Positive media coverage",
        "professional-experience": "Professional experience",
        "team-today": "Team today",
        "upcoming-event": "Upcoming event",
        "useful-content": "Useful content",
    }
)
_MIX_OF = {c.name: c.mix for c in CATEGORIES}
DEFAULT_COUNCILS = ("Stockport", "Trafford", "Rochdale")
_NOT_COUNTED = frozenset({Status.REJECTED, Status.ARCHIVED})


@dataclasses.dataclass(frozen=True, slots=True)
class MixShare:
    """One part of the content mix: how many of the month's posts, and their share."""

    group: str
    label: str
    count: int
    share: float


@dataclasses.dataclass(frozen=True, slots=True)
class PlatformProgress:
    """Posts planned (and published) on a platform against the month's target."""

    platform: str
    label: str
    planned: int
    published: int
    target: int | None


@dataclasses.dataclass(frozen=True, slots=True)
class ElectionPeriod:
    """A pre-election period from the policy's ``[election]`` table, inclusive."""

    start: dt.date
    end: dt.date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end


@dataclasses.dataclass(frozen=True, slots=True)
class PeriodFinding:
    """A pre-election rule that fires on a post scheduled inside the period."""

    draft_id: int
    check: str
    text: str
    message: str


@dataclasses.dataclass(frozen=True, slots=True)
class MonthSummary:
    """Everything the calendar shows about one month.

    Attributes:
        first: The first day of the month.
        theme: The month's theme ("" when none is set).
        focus: What the theme is about.
        drafts: The month's drafts in calendar order, rejected ones included.
        mix: The content mix of the counted posts (not rejected), one entry per group.
        uncategorised: Counted posts with no category.
        mentions: Council name to how often the counted posts name it (title and text).
        platforms: Planned posts against the target, per platform.
        gaps: Weeks (Monday to Sunday, cut to the month) with no counted post.
        events: The month's events (Meet the Buyer and the like).
        election: The pre-election period, or None when none is configured.
        period_findings: Pre-election findings on posts scheduled inside the period.
        unchecked: Posts inside the period not checked yet (``check=False``): their draft
            id, title and text, and day, for `check_period` off the window's thread.
    """

    first: dt.date
    theme: str
    focus: str
    drafts: tuple[DraftSummary, ...]
    mix: tuple[MixShare, ...]
    uncategorised: int
    mentions: Mapping[str, int]
    platforms: tuple[PlatformProgress, ...]
    gaps: tuple[tuple[dt.date, dt.date], ...]
    events: tuple[Event, ...]
    election: ElectionPeriod | None
    period_findings: tuple[PeriodFinding, ...]
    unchecked: tuple[tuple[int, str, dt.date], ...] = ()

    @property
    def last(self) -> dt.date:
        """The last day of the month."""
        return month_end(self.first)

    @property
    def counted(self) -> tuple[DraftSummary, ...]:
        """The posts the gauges count: every draft but the rejected (and archived) ones."""
        return tuple(d for d in self.drafts if d.status not in _NOT_COUNTED)

    def drafts_on(self, day: dt.date) -> tuple[DraftSummary, ...]:
        """The drafts scheduled on ``day``, in time order."""
        return tuple(d for d in self.drafts if d.date == day)

    def days_with_posts(self) -> frozenset[dt.date]:
        """The days that have at least one counted post."""
        return frozenset(d.date for d in self.counted if d.date is not None)

    def in_election(self, day: dt.date) -> bool:
        """True when ``day`` falls inside the pre-election period."""
        return self.election is not None and day in self.election

    def findings_for(self, draft_id: int) -> tuple[PeriodFinding, ...]:
        """The pre-election findings on one draft."""
        return tuple(f for f in self.period_findings if f.draft_id == draft_id)


def month_start(day: dt.date) -> dt.date:
    """The first day of the month holding ``day``."""
    return day.replace(day=1)


def month_end(day: dt.date) -> dt.date:
    """The last day of the month holding ``day``."""
    return day.replace(day=calendar_.monthrange(day.year, day.month)[1])


def add_months(day: dt.date, months: int) -> dt.date:
    """The first day of the month ``months`` after (or before) the one holding ``day``."""
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    return dt.date(year, month0 + 1, 1)


def election_period(policy: checks.Policy) -> ElectionPeriod | None:
    """The policy's pre-election period (read once, at load), or None when not set."""
    if policy.election is None:
        return None
    return ElectionPeriod(*policy.election)


def council_names(policy: checks.Policy) -> tuple[str, ...]:
    """The STAR councils named in the policy (Stockport, Trafford and Rochdale)."""
    return policy.councils or DEFAULT_COUNCILS


def count_mentions(texts: Iterable[str], councils: Iterable[str]) -> dict[str, int]:
    """How often each council is named in ``texts``: whole words, any case, possessives too.

    >>> count_mentions(["Stockport's team, STOCKPORT", "Stockportian", "Rochdale-based"],
    ...                ["Stockport", "Rochdale"])
    {'Stockport': 2, 'Rochdale': 1}
    """
    names = tuple(councils)
    counts = dict.fromkeys(names, 0)
    pattern = _mention_pattern(names)
    lower = {n.casefold(): n for n in names}
    for text in texts:
        for match in pattern.finditer(text):
            counts[lower[match.group(1).casefold()]] += 1
    return counts


def summarise_month(
    store: Store,
    year: int,
    month: int,
    policy: checks.Policy | None = None,
    *,
    team: bool = False,
    check: bool = True,
) -> MonthSummary:
    """Read one month from the store and summarise it for the calendar and its gauges.

    Args:
        store: The open database.
        year: The year.
        month: The month, 1 to 12.
        policy: The loaded policy (councils, the pre-election period and its rules);
            the shipped one when None.
        team: Count the team members' posts fetched from the team server too (the
            calendar and its gauges then describe the team, not this PC alone).
        check: Check posts in the pre-election period here; False takes only findings
            already known and lists the rest in ``unchecked`` (the window checks them on
            a worker thread with `check_period`, then summarises again).
    """
    policy = policy or checks.default_policy()
    first = dt.date(year, month, 1)
    key = f"{year:04d}-{month:02d}"
    drafts = tuple(store.list_drafts(month=key))
    others = team_summaries(store, month=key) if team else []
    if others:  # a stable sort: this PC's drafts keep their order within a slot
        drafts = tuple(sorted((*drafts, *others), key=_calendar_order))
    counted = [d for d in drafts if d.status not in _NOT_COUNTED]
    months = store.months(key, key)
    theme = months[0] if months else None
    texts = _texts(store, first, {d.id for d in counted if d.mine})
    texts.update(team_texts(store, (d.id for d in counted if not d.mine)))
    election = election_period(policy)
    inside = [
        (d.id, texts[d.id], d.date)
        for d in counted
        if d.mine and d.date is not None and election is not None and d.date in election
    ]
    found: list[PeriodFinding] = []
    unchecked: list[tuple[int, str, dt.date]] = []
    for draft_id, text, day in inside:
        known = _cached_findings(policy, text, day, check=check)
        if known is None:
            unchecked.append((draft_id, text, day))
            continue
        found += (PeriodFinding(draft_id, *finding) for finding in known)
    return MonthSummary(
        first=first,
        theme=theme.theme if theme else "",
        focus=theme.focus if theme else "",
        drafts=drafts,
        mix=_mix(counted),
        uncategorised=sum(1 for d in counted if _MIX_OF.get(d.category or "") is None),
        mentions=MappingProxyType(count_mentions(texts.values(), council_names(policy))),
        platforms=_progress(counted, theme.targets if theme else {}),
        gaps=_gaps(first, {d.date for d in counted if d.date is not None}),
        events=tuple(store.events(first, month_end(first))),
        election=election,
        period_findings=tuple(found),
        unchecked=tuple(unchecked),
    )


def check_period(policy: checks.Policy, posts: Iterable[tuple[int, str, dt.date]]) -> None:
    """Check ``posts`` (a summary's ``unchecked``) against the pre-election rules.

    Safe on any thread; the next `summarise_month` finds their findings known.
    """
    for _, text, day in posts:
        _cached_findings(policy, text, day)


def clear_caches() -> None:
    """Forget the pre-election findings kept between refreshes (tests and benchmarks)."""
    _FOUND.clear()


# helpers


@functools.lru_cache(maxsize=8)
def _mention_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!\w)({alternatives})(?:['\u2019]s)?(?![\w])", re.IGNORECASE)


def _calendar_order(draft: DraftSummary) -> tuple[dt.date, dt.time]:
    return (draft.date or dt.date.min, draft.time or dt.time.min)


def _mix(drafts: Iterable[DraftSummary]) -> tuple[MixShare, ...]:
    counts = dict.fromkeys(MIX_GROUPS, 0)
    for draft in drafts:
        group = _MIX_OF.get(draft.category or "")
        if group in counts:
            counts[group] += 1
    total = sum(counts.values())
    return tuple(
        MixShare(g, MIX_LABELS[g], n, n / total if total else 0.0) for g, n in counts.items()
    )


def _progress(
    drafts: list[DraftSummary], targets: Mapping[str, int]
) -> tuple[PlatformProgress, ...]:
    out = []
    for platform in checks.PLATFORMS:
        on = [d for d in drafts if platform in d.platforms]
        target = targets.get(platform)
        if on or target is not None:
            published = sum(1 for d in on if d.status is Status.PUBLISHED)
            label = PLATFORM_LABELS.get(platform, platform)
            out.append(PlatformProgress(platform, label, len(on), published, target))
    return tuple(out)


def _gaps(first: dt.date, days: set[dt.date]) -> tuple[tuple[dt.date, dt.date], ...]:
    last = month_end(first)
    monday = first - dt.timedelta(days=first.weekday())
    out = []
    while monday <= last:
        start, end = max(monday, first), min(monday + dt.timedelta(days=6), last)
        if not any(start + dt.timedelta(days=i) in days for i in range((end - start).days + 1)):
            out.append((start, end))
        monday += dt.timedelta(days=7)
    return tuple(out)


# Policies hold mappings, so they cannot be hashed: keep the last few by identity.
_PERIOD_POLICIES: dict[int, tuple[checks.Policy, checks.Policy]] = {}


def _period_policy(policy: checks.Policy) -> checks.Policy:
    """The policy with only its pre-election rules, to check many posts quickly."""
    cached = _PERIOD_POLICIES.get(id(policy))
    if cached is not None and cached[0] is policy:
        return cached[1]
    rules = [r for r in policy.rules if r.kind == elections.KIND]
    checkers: tuple[Any, ...] = (
        (elections.build(rules, policy.data, policy.lexicon),) if rules else ()
    )
    period = dataclasses.replace(policy, checkers=checkers)
    if len(_PERIOD_POLICIES) >= 4:
        _PERIOD_POLICIES.clear()
    _PERIOD_POLICIES[id(policy)] = (policy, period)
    return period


_Found = tuple[tuple[str, str, str], ...]
# Findings by (text, day) per policy: a refresh re-checks only the posts that changed.
_FOUND: dict[int, tuple[checks.Policy, dict[tuple[str, dt.date], _Found]]] = {}
_FOUND_LIMIT = 5000


@overload
def _cached_findings(policy: checks.Policy, text: str, day: dt.date) -> _Found: ...
@overload
def _cached_findings(
    policy: checks.Policy, text: str, day: dt.date, *, check: bool
) -> _Found | None: ...
def _cached_findings(
    policy: checks.Policy, text: str, day: dt.date, *, check: bool = True
) -> _Found | None:
    """The findings on ``text`` on ``day``, checked now unless known.

    None when they are not known and ``check`` is off.
    """
    entry = _FOUND.get(id(policy))
    if entry is None or entry[0] is not policy:
        if len(_FOUND) >= 4:
            _FOUND.clear()
        entry = _FOUND[id(policy)] = (policy, {})
    cache = entry[1]
    found = cache.get((text, day))
    if found is None and not check:
        return None
    if found is None:
        report = checks.check(text, date=day, policy=_period_policy(policy))
        found = tuple((f.check, f.text, f.message) for f in report.findings)
        if len(cache) >= _FOUND_LIMIT:
            cache.clear()
        cache[(text, day)] = found
    return found


def _texts(store: Store, first: dt.date, ids: set[int]) -> dict[int, str]:
    """Title and text of the month's drafts in ``ids``, in one query (mentions, election)."""
    rows = store.db.execute(
        "SELECT id, title, text FROM drafts WHERE scheduled_date >= ? AND scheduled_date < ?",
        (first.isoformat(), add_months(first, 1).isoformat()),
    )
    return {i: f"{title}\n{text}" for i, title, text in rows if i in ids}
