# SPDX-License-Identifier: MIT
"""Live tenders from the administrator's policy: their details and their bidders.

Before award, a live tender's name with any detail (bids, scores, bidders) is a
``tender-detail`` finding, and naming one of its bidders appears to favour them
(``bidder-favour``). After award, good news about the contract is acceptable.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from checks.findings import Finding
from checks.kinds.proximity import Proximity
from checks.lexicon import Lexicon
from checks.rules import Checker, Context, PolicyError, Rule, string_list

KIND = "live-tenders"
STATUSES = ("live", "awarded", "cancelled")


@dataclasses.dataclass(frozen=True, slots=True)
class Tender:
    """One entry of the policy's ``[[tenders]]`` array."""

    title: str
    reference: str
    bidders: tuple[str, ...]
    status: str
    awarded_to: str

    @property
    def names(self) -> list[str]:
        """How a post may name the tender."""
        return [n for n in (self.title, self.reference) if n]


def read_tenders(data: Mapping[str, Any]) -> list[Tender]:
    """Validate the ``[[tenders]]`` entries of the policy data."""
    entries = data.get("tenders", [])
    if not isinstance(entries, list):
        raise PolicyError("'tenders' must be an array of tables ([[tenders]])")
    tenders = []
    for number, entry in enumerate(entries, start=1):
        label = f"tenders[{number}]"
        if not isinstance(entry, Mapping) or not isinstance(entry.get("title"), str):
            raise PolicyError(f"{label}: needs a 'title'")
        status = entry.get("status", "live")
        if status not in STATUSES:
            raise PolicyError(
                f"{label}: status must be one of {', '.join(STATUSES)}, not {status!r}"
            )
        tenders.append(
            Tender(
                title=entry["title"],
                reference=str(entry.get("reference", "")),
                bidders=tuple(string_list(entry, "bidders", label)),
                status=status,
                awarded_to=str(entry.get("awarded_to", "")),
            )
        )
    return tenders


def _variant(rule: Rule, tender: Tender, options: dict[str, Any]) -> Rule:
    message = rule.message.replace("{tender}", tender.title)
    options = {**options, "suggestions": list(rule.options.get("suggestions", []))}
    return dataclasses.replace(rule, message=message, options=options)


def _near(
    rule: Rule,
    tender: Tender,
    anchors: list[str],
    near: list[str],
    window: int | str,
    lexicon: Lexicon,
) -> Proximity:
    """A proximity checker for one live tender: an anchor name with a nearby term."""
    options = {
        "anchor": {"terms": anchors},
        "near": [{"terms": near}],
        "window": window,
        "across_sentences": window != "sentence",
    }
    return Proximity(_variant(rule, tender, options), lexicon)


class LiveTenders:
    """Every live tender's detail and bidder checks, built once from the policy."""

    def __init__(self, rules: Sequence[Rule], data: Mapping[str, Any], lexicon: Lexicon) -> None:
        """Build one proximity or existence checker per live tender and rule role."""
        self.checkers: list[Checker] = []
        for tender in read_tenders(data):
            if tender.status != "live":
                continue
            for rule in rules:
                self.checkers.extend(self._for(rule, tender, lexicon))

    @staticmethod
    def _for(rule: Rule, tender: Tender, lexicon: Lexicon) -> list[Checker]:
        role = rule.options.get("role")
        if role not in ("detail", "bidder"):
            raise PolicyError(f"rule {rule.id}: 'role' must be 'detail' or 'bidder'")
        bidders = list(tender.bidders)
        made: list[Checker] = []
        if role == "detail":
            # The tender named with a detail, or a bidder named with its bid or the tender.
            details = string_list(rule.options, "detail_terms", rule.id)
            bidding = string_list(rule.options, "bid_terms", rule.id)
            made.append(_near(rule, tender, tender.names, details + bidders, "sentence", lexicon))
            if bidders:
                made.append(_near(rule, tender, bidders, bidding + tender.names, 20, lexicon))
        elif bidders:
            praise = string_list(rule.options, "praise_terms", rule.id)
            made.append(_near(rule, tender, bidders, praise, 20, lexicon))
        return made

    def run(self, ctx: Context) -> Iterator[Finding]:
        """Yield the findings of every live tender's checkers."""
        for checker in self.checkers:
            yield from checker.run(ctx)


def build(rules: Sequence[Rule], data: Mapping[str, Any], lexicon: Lexicon) -> LiveTenders:
    """The live-tender checkers for the policy's ``[[tenders]]``."""
    return LiveTenders(rules, data, lexicon)
