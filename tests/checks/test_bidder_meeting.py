"""bidder-meeting: details of upcoming bidder meetings block; public events do not."""

from __future__ import annotations

import pytest

FLAGGED = {
    "briefing-date-place": "Join our bidders' briefing on 14 January at Stockport Town Hall.",
    "clarification-meeting": "The clarification meeting for the catering tender is on Tuesday at 10am.",
    "site-visit-tender": "Site visits for bidders on the depot tender will run on 3 March at 2pm.",
    "pre-bid-online": "Pre-bid meeting for the cleaning contract: Thursday 10:30 on Teams.",
    "bidder-day-curly": "Bidders\u2019 day for the new framework: 21st February, Number One Riverside.",
    "open-day-tender": "Suppliers interested in the tender can attend an open day at the depot on 5/3.",
    "evaluation-meeting": "Evaluation panel meeting for the care tender is tomorrow in Room 4.",
    "across-sentences": "Bidder briefing for the school meals contract. Come along on Monday 9 June.",
}

NEAR_MISSES = {
    "meet-the-buyer": "Meet the Buyer is back! Join us on 14 January at Stockport Town Hall.",
    "business-forum": "Our buyers will speak at the Trafford business forum on 3 March.",
    "team-meeting": "Our category team meeting on Monday planned the year's work.",
    "briefing-no-date": "Read our short briefing on the new Procurement Act.",
    "site-visit-school": "The team made a site visit to the new school in Rochdale, built with local labour.",
    "chest-opportunity": "New opportunity on The Chest: school catering, closing 12 January.",
}


@pytest.mark.parametrize("text", FLAGGED.values(), ids=FLAGGED.keys())
def test_bidder_meeting_flags(found, text):
    assert "bidder-meeting" in found(text)


@pytest.mark.parametrize("text", NEAR_MISSES.values(), ids=NEAR_MISSES.keys())
def test_bidder_meeting_ignores(found, text):
    assert "bidder-meeting" not in found(text)


def test_bidder_meeting_span_covers_meeting_and_date(policy):
    import checks

    text = "Join our bidders' briefing on 14 January."
    (finding,) = [
        f for f in checks.check(text, policy=policy).findings if f.rule == "bidder-meeting"
    ]
    assert finding.text == "bidders' briefing on 14 January"
    assert finding.severity is checks.Severity.BLOCK
    assert "policy line 152" in finding.clause
