"""tender-detail and bidder-favour: bids, scores, shortlists and favoured bidders block."""

from __future__ import annotations

import datetime as dt

import pytest

import checks

DETAIL = {
    "bid-count": "We've received 14 bids for the new cleaning contract!",
    "bid-count-words": "Twelve tenders have come in so far for the parks framework.",
    "shortlist": "Three suppliers have been shortlisted for the fleet contract.",
    "score": "One bidder scored 92 out of 100 on quality.",
    "lowest-price": "The lowest bid came in well under budget.",
    "preferred-bidder": "We have a preferred bidder for the leisure contract.",
    "evaluation-progress": "Evaluation of the bids is nearly done for the transport tender.",
    "bid-price": "One firm bid £1.2m for the works.",
    "provisional-award": "Acme has provisionally won the catering contract, not yet announced.",
    "live-tender-bids": "The Highways Maintenance Framework attracted lots of interest from bidders.",
    "live-tender-bidder-named": "Pennine Roadworks have bid for the Highways Maintenance Framework.",
}

FAVOUR = {
    "front-runner": "Local firm Acme is the front-runner for the new contract.",
    "hope-wins": "We hope Acme wins the contract, they're great.",
    "great-bid": "What a fantastic bid from one of our local suppliers!",
    "live-bidder": "Great to visit Northway Surfacing's new depot today.",
    "deserves": "This company deserves to win after all their hard work.",
}

NEAR_MISSES = {
    "chest-advert": "New opportunity on The Chest: Highways Maintenance Framework, closing 12 January.",
    "awarded-good-news": "Congratulations to Brightwater Care on winning the Home Care Dynamic Purchasing System.",
    "bid-tips": "How to write a strong bid: tips from our buyers.",
    "suppliers-at-event": "Over 200 suppliers came to Meet the Buyer last week.",
    "thank-all-bidders": "Thank you to all bidders for their time on the catering tender.",
    "shortlist-awards": "STAR has been shortlisted for a national procurement award!",
    "evaluation-guide": "Our guide explains how evaluation works, step by step.",
}


@pytest.mark.parametrize("text", DETAIL.values(), ids=DETAIL.keys())
def test_tender_detail_flags(admin_found, text):
    assert "tender-detail" in admin_found(text)


@pytest.mark.parametrize("text", FAVOUR.values(), ids=FAVOUR.keys())
def test_bidder_favour_flags(admin_found, text):
    assert "bidder-favour" in admin_found(text)


@pytest.mark.parametrize("text", NEAR_MISSES.values(), ids=NEAR_MISSES.keys())
def test_tender_rules_ignore(admin_found, text):
    assert not {"tender-detail", "bidder-favour"} & admin_found(text)


def test_a_live_bidder_is_fine_once_its_tender_is_awarded(tmp_path):
    policy_file = tmp_path / "admin.toml"
    policy_file.write_text(
        '[[tenders]]\ntitle = "Parks Framework"\nbidders = ["Greenway Ltd"]\nstatus = "awarded"\n'
    )
    policy = checks.load_policy(policy_file)
    report = checks.check("Well done Greenway Ltd on the Parks Framework!", policy=policy)
    assert not [f for f in report.findings if f.check.endswith(".live-bidder")]
    assert not report.blocking


def test_live_bidder_message_names_the_tender(admin_policy):
    report = checks.check("Northway Surfacing are great", policy=admin_policy)
    (finding,) = [f for f in report.findings if f.check == "bidder-favour.live-bidder"]
    assert "Highways Maintenance Framework" in finding.message
    assert finding.text == "Northway Surfacing are great"


@pytest.fixture(scope="module")
def admin_found(admin_policy):
    def run(text):
        report = checks.check(text, policy=admin_policy, date=dt.date(2026, 12, 1))
        return {f.rule for f in report.findings}

    return run
