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
from checks.kinds.existence import Existence
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
        details = string_list(rule.options, "detail_terms", rule.id)
        if role == "detail":
            near = [{"terms": details + list(tender.bidders)}]
            made: list[Checker] = [
                Proximity(
                    _variant(
                        rule,
                        tender,
                        {"anchor": {"terms": tender.names}, "near": near, "window": "sentence"},
                    ),
                    lexicon,
                )
            ]
            if tender.bidders:
                near = [{"terms": details + tender.names}]
                made.append(
                    Proximity(
                        _variant(
                            rule,
                            tender,
                            {
                                "anchor": {"terms": list(tender.bidders)},
                                "near": near,
                                "window": "sentence",
                            },
                        ),
                        lexicon,
                    )
                )
            return made
        if role == "bidder":
            if not tender.bidders:
                return []
            return [Existence(_variant(rule, tender, {"terms": list(tender.bidders)}), lexicon)]
        raise PolicyError(f"rule {rule.id}: 'role' must be 'detail' or 'bidder'")

    def run(self, ctx: Context) -> Iterator[Finding]:
        """Yield the findings of every live tender's checkers."""
        for checker in self.checkers:
            yield from checker.run(ctx)


def build(rules: Sequence[Rule], data: Mapping[str, Any], lexicon: Lexicon) -> LiveTenders:
    """The live-tender checkers for the policy's ``[[tenders]]``."""
    return LiveTenders(rules, data, lexicon)
