"""Jargon: GOV.UK words to avoid, Plain English alternatives, management and procurement jargon."""

from __future__ import annotations

import datetime as dt

import pytest

import checks
from checks.rules import expand_alternatives
from checks.text import fold

JARGON_RULES = ("jargon.govuk", "jargon.plain-english", "jargon.management", "jargon.procurement")

# (text, the rule entry that must fire, the term it must flag)
POSITIVES = {
    "govuk-leverage": ("We will leverage our buying power.", "jargon.govuk", "leverage"),
    "govuk-utilise": ("Suppliers can utilise the new portal.", "jargon.govuk", "utilise"),
    "govuk-key-noun": ("Our key partners met today.", "jargon.govuk", "key"),
    "management-key-stakeholders": ("Our key stakeholders met today.", "jargon.management", "key stakeholders"),
    "govuk-key-dates": ("Here are the key dates for our tenders.", "jargon.govuk", "key"),
    "govuk-is-key": ("Social value is key.", "jargon.govuk", "is key"),
    "govuk-impact-verb": ("The change will impact residents.", "jargon.govuk", "impact"),
    "govuk-impacted": ("Firms impacted by the delay can call us.", "jargon.govuk", "impacted"),
    "govuk-deliver-abstract": ("The contract will deliver improvements.", "jargon.govuk", "deliver"),
    "govuk-drive-abstract": ("We are driving down costs on energy.", "jargon.govuk", "driving"),
    "govuk-drive-out": ("We want to drive out waste.", "jargon.govuk", "drive out"),
    "govuk-tackling": ("We are tackling fraud in the supply chain.", "jargon.govuk", "tackling"),
    "govuk-foster": ("Events like this foster innovation.", "jargon.govuk", "foster"),
    "govuk-agenda": ("It is part of the social value agenda.", "jargon.govuk", "agenda"),
    "govuk-progress-verb": ("We will progress the tender next month.", "jargon.govuk", "progress"),
    "govuk-robust": ("Our robust process keeps things fair.", "jargon.govuk", "robust"),
    "govuk-facilitate": ("We will facilitate a workshop.", "jargon.govuk", "facilitate"),
    "govuk-deploy": ("We will deploy extra staff to the project.", "jargon.govuk", "deploy"),
    "govuk-combat": ("New checks combat late payment.", "jargon.govuk", "combat"),
    "govuk-land": ("We need to land the message with suppliers.", "jargon.govuk", "land"),
    "plain-commence": ("Works will commence in May.", "jargon.plain-english", "commence"),
    "plain-prior-to": ("Register prior to the deadline.", "jargon.plain-english", "prior to"),
    "plain-in-order-to": ("In order to bid, register first.", "jargon.plain-english", "In order to"),
    "plain-in-receipt": ("We are in receipt of 40 bids.", "jargon.plain-english", "in receipt of"),
    "plain-with-regard": ("With regard to the event, book now.", "jargon.plain-english", "With regard to"),
    "plain-at-this-moment": ("At this moment in time we are full.", "jargon.plain-english", "At this moment in time"),
    "plain-endeavour": ("We endeavour to reply within a week.", "jargon.plain-english", "endeavour"),
    "plain-ascertain": ("Please ascertain whether you qualify.", "jargon.plain-english", "ascertain"),
    "plain-to-date": ("To date we have saved £2m.", "jargon.plain-english", "To date"),
    "management-going-forward": ("Going forward, bids must be online.", "jargon.management", "Going forward"),
    "management-touch-base": ("We'll touch base next week.", "jargon.management", "touch base"),
    "management-synergies": ("The merger brings synergies.", "jargon.management", "synergies"),
    "management-unlocks-synergies": ("The merger unlocks synergies.", "jargon.management", "unlocks synergies"),
    "management-deliverables": ("Please agree the deliverables.", "jargon.management", "deliverables"),
    "management-bandwidth": ("We will reply when we have the bandwidth.", "jargon.management", "bandwidth"),
    "management-circle-back": ("We will circle back on this.", "jargon.management", "circle back"),
    "management-low-hanging": ("Energy is the low-hanging fruit.", "jargon.management", "low-hanging fruit"),
    "management-paradigm": ("This is a paradigm shift for buyers.", "jargon.management", "paradigm shift"),
    "management-best-in-class": ("Our best-in-class guidance is free.", "jargon.management", "best-in-class"),
    "management-holistic": ("We take a holistic view.", "jargon.management", "holistic"),
    "management-value-add": ("It gives real value-add.", "jargon.management", "value-add"),
    "management-blue-sky": ("A morning of blue-sky thinking.", "jargon.management", "blue-sky thinking"),
    "management-thought-leadership": ("Our thought leadership series.", "jargon.management", "thought leadership"),
    "management-move-the-needle": ("Small steps move the needle.", "jargon.management", "move the needle"),
    "procurement-contract-let": ("The contract was let to a local firm.", "jargon.procurement", "contract was let"),
    "procurement-tender-documentation": ("Read the tender documentation.", "jargon.procurement", "tender documentation"),
    "procurement-economic-operators": ("All economic operators may bid.", "jargon.procurement", "economic operators"),
    "procurement-call-off": ("Orders are made by call-off.", "jargon.procurement", "call-off"),
    "procurement-incumbent": ("The incumbent supplier may bid again.", "jargon.procurement", "incumbent supplier"),
    "procurement-standstill": ("The standstill period ends on Friday.", "jargon.procurement", "standstill period"),
    "procurement-route-to-market": ("We chose the best route to market.", "jargon.procurement", "route to market"),
    "procurement-meat": ("We award to the most economically advantageous tender.", "jargon.procurement", "most economically advantageous tender"),
}  # fmt: skip

NEAR_MISSES = {
    "key-to-the-office": "Please return the key to the office by Friday.",
    "car-keys": "Someone left their car keys at reception.",
    "key-cutting": "New on The Chest: a contract for key cutting and lock repairs.",
    "key-workers": "Key workers can apply for the scheme.",
    "key-stage": "Key Stage 2 pupils visited the depot.",
    "drive-to-the-depot": "Our drivers drive to the depot at six.",
    "drive-out-to": "Today our buyers drive out to the council depots.",
    "test-drive": "We took the new electric van for a test drive.",
    "deliver-parcels": "We need a courier to deliver parcels between offices.",
    "deliver-food": "Volunteers deliver food to older residents.",
    "deliver-training": "Our team will deliver a presentation at the fair.",
    "tackling-in-rugby": "The rugby players were tackling hard in the second half.",
    "a-late-tackle": "It was a late tackle, said the referee.",
    "impact-noun": "The new road will have an impact on traffic.",
    "impact-of": "We measure the impact of every contract.",
    "impact-assessment": "We will publish an equality impact assessment.",
    "foster-carers": "Foster carers are needed in all three boroughs.",
    "competitive-dialogue": "This tender uses the competitive dialogue procedure.",
    "meeting-agenda": "The agenda for Thursday's meeting is on our website.",
    "progress-noun": "Good progress has been made on the new framework.",
    "barrier-to-progress": "Cost is a barrier to progress for small firms.",
    "combat-veterans": "Combat veterans are welcome at the careers fair.",
    "land-and-property": "The council owns land near the station.",
    "deploy-software": "We will deploy the new software on Monday.",
    "strengthening-bridge": "Work on strengthening the bridge starts in May.",
    "broadband-bandwidth": "The contract covers broadband bandwidth for schools.",
    "up-to-date": "Keep your company details up to date on The Chest.",
    "value-added-tax": "Prices include value added tax.",
    "most-advantageous-adverb": "Bids are scored on quality and price.",
    "plain-post": (
        "New opportunity on The Chest: Stockport Council needs a firm to service its school "
        "minibuses. Bids close on 15 January. Register free and search for 'minibus'."
    ),
    "plain-good-news": (
        "Well done to our buyers, who helped Rochdale Council save £40,000 on school meals "
        "this year while keeping menus local and fresh."
    ),
}


def _jargon(policy: checks.Policy, text: str) -> list[checks.Finding]:
    report = checks.check(text, policy=policy, date=dt.date(2026, 12, 1))
    return [f for f in report.findings if f.rule == "jargon"]


def _replace_tables(policy: checks.Policy) -> dict[str, dict[str, object]]:
    return {r.id: dict(r.options["replace"]) for r in policy.rules if r.family == "jargon"}


@pytest.mark.parametrize(("text", "check", "term"), POSITIVES.values(), ids=POSITIVES.keys())
def test_jargon_is_flagged(policy, text, check, term):
    flagged = {(f.check, f.text) for f in _jargon(policy, text)}
    assert (check, term) in flagged


@pytest.mark.parametrize("text", NEAR_MISSES.values(), ids=NEAR_MISSES.keys())
def test_literal_sense_is_not_jargon(found, text):
    assert "jargon" not in found(text)


def test_every_jargon_rule_has_examples(policy):
    rules = {r.id for r in policy.rules if r.family == "jargon"}
    assert rules == set(JARGON_RULES)
    assert {check for _, check, _ in POSITIVES.values()} == rules


def test_jargon_finding_offers_the_plain_alternative(policy):
    (finding,) = _jargon(policy, "We will utilise the framework.")
    assert finding.check == "jargon.govuk"
    assert finding.severity is checks.Severity.WARN
    assert finding.suggestions == ("use",)
    assert "'use' rather than 'utilise'" in finding.message
    assert "policy line 163" in finding.clause


def test_jargon_offers_each_alternative_separately(policy):
    (finding,) = _jargon(policy, "We will leverage local firms.")
    assert finding.suggestions == ("use", "make the most of")


def test_jargon_rules_hold_at_least_150_distinct_terms(policy):
    tables = _replace_tables(policy)
    keys = [key for table in tables.values() for key in table]
    terms = {fold(t) for key in keys for t in expand_alternatives(key)}
    assert len(set(keys)) >= 150
    assert len(terms) >= 150


def test_no_term_is_in_two_jargon_rules(policy):
    owner: dict[str, str] = {}
    clashes = []
    for rule_id, table in _replace_tables(policy).items():
        for key in table:
            for term in expand_alternatives(key):
                if owner.setdefault(fold(term), rule_id) != rule_id:
                    clashes.append(term)
    assert clashes == []


def test_no_jargon_suggestion_is_itself_jargon(policy):
    suggestions = set()
    for table in _replace_tables(policy).values():
        for value in table.values():
            text = value if isinstance(value, str) else value["suggest"]  # type: ignore[index]
            suggestions.update(s.strip() for s in text.split(";"))
    flagged = {s: [f.text for f in _jargon(policy, s)] for s in sorted(suggestions)}
    assert {s: hits for s, hits in flagged.items() if hits} == {}


def test_jargon_is_found_once_per_phrase(policy):
    findings = _jargon(policy, "Please read the tender documentation.")
    assert [(f.check, f.text) for f in findings] == [("jargon.procurement", "tender documentation")]


def test_jargon_matches_curly_apostrophes_and_capitals(policy):
    findings = _jargon(policy, "GOING FORWARD we\u2019ll touch base.")
    assert [f.text for f in findings] == ["GOING FORWARD", "touch base"]
