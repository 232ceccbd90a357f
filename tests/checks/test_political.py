"""political: parties, votes and attacks on government block; everyday words do not."""

from __future__ import annotations

import datetime as dt

import pytest

import checks

FLAGGED = {
    "vote-party": "Vote Labour on Thursday!",
    "dont-vote": "Whatever you do, don't vote Tory.",
    "party-failed": "The Conservatives have failed local councils.",
    "party-thanks": "Thanks to the Lib Dems for backing local jobs.",
    "party-led": "Proud to work for a Labour-led council that gets things done.",
    "government-attack": "This disastrous government has starved councils of money.",
    "westminster-cuts": "Westminster's savage cuts are hurting Rochdale.",
    "vote-hashtag": "Polling day tomorrow #VoteGreen",
    "vote-them-out": "Time to vote them out at the local elections.",
}

NEAR_MISSES = {
    "labour-market": "The Labour market in Greater Manchester is tight for drivers.",
    "conservative-estimate": "Conservative estimates put local spend at £200m.",
    "green-spaces": "Green spaces in Trafford got a boost from our grounds contract.",
    "office-party": "The team's Christmas party raised £300 for charity.",
    "mayor": "The Mayor of Stockport opened our Meet the Buyer event.",
    "awards-vote": "Vote for STAR in the GO Awards people's choice category!",
    "government-guidance": "The government has published new guidance on social value.",
    "councillor-outside-period": "Cllr Margaret Ashworth opened the new library today.",
}


@pytest.mark.parametrize("text", FLAGGED.values(), ids=FLAGGED.keys())
def test_political_flags(admin_policy, text):
    report = checks.check(text, policy=admin_policy, date=dt.date(2026, 12, 1))
    assert "political" in {f.rule for f in report.findings}


@pytest.mark.parametrize("text", NEAR_MISSES.values(), ids=NEAR_MISSES.keys())
def test_political_ignores(admin_rules_only, text):
    report = checks.check(text, policy=admin_rules_only, date=dt.date(2026, 12, 1))
    assert "political" not in {f.rule for f in report.findings}


@pytest.mark.parametrize(
    "text",
    ["Cllr Margaret Ashworth opened the new library today.", "Priya Raman visited our team.",
     "Labour and Conservative councillors joined the event.", "Councillor Smith cut the ribbon."],
    ids=["councillor", "candidate", "party-names", "any-councillor"],
)  # fmt: skip
def test_pre_election_period_blocks_any_name(admin_policy, text):
    inside = checks.check(text, policy=admin_policy, date=dt.date(2027, 4, 1))
    after = checks.check(text, policy=admin_policy, date=dt.date(2027, 5, 7))
    assert any(f.check == "political.pre-election" for f in inside.findings)
    assert not any(f.check == "political.pre-election" for f in after.findings)


def test_pre_election_keeps_labour_market_clear(admin_rules_only):
    report = checks.check(
        "The Labour market is tight.", policy=admin_rules_only, date=dt.date(2027, 4, 1)
    )
    assert not report.findings


def test_pre_election_message_gives_the_period(admin_policy):
    report = checks.check("Priya Raman visited", policy=admin_policy, date=dt.date(2027, 4, 1))
    [finding] = [f for f in report.findings if f.rule == "political"]
    assert "2027-03-25 to 2027-05-06" in finding.message
