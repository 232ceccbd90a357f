"""council-favour: ranking one STAR council above the others warns; good news about one council does not."""

from __future__ import annotations

import pytest

import checks

FLAGGED = {
    "best-of-three": "Stockport is the best of our three councils, no question.",
    "unlike-rochdale": "Unlike Rochdale, Trafford gets it right every time.",
    "beats-the-other-two": "Trafford beats the other two hands down when it comes to paying suppliers on time.",
    "favourite-council": "Big shout out to our favourite council 😉",
    "leads-others-follow": "Rochdale leads the way, the others should follow.",
    "others-take-note-next-sentence": "Rochdale leads the way on social value. The other two should take note!",
    "miles-better-than": "Stockport's recycling contract is miles better than Trafford's.",
    "as-organised-as": "If only Rochdale were as organised as Stockport.",
    "puts-to-shame": "Stockport puts the other councils to shame with its local spend figures.",
    "more-responsive-than": "Trafford's team is far more responsive than Stockport's.",
    "easiest-of-our-councils": "Stockport has always been the easiest of our councils to work with.",
    "more-like": "Why can't Rochdale be more like Trafford?",
    "top-performing-council": "Rochdale Council is our top performing council this year.",
    "ranking-symbols": "Stockport > Trafford > Rochdale when it comes to local spend this year.",
    "who-does-it-best": "Who does procurement best? Stockport, obviously 😎",
    "well-ahead-of": "Stockport came top again in our supplier satisfaction survey, well ahead of Trafford and Rochdale.",
    "catching-up-to-do": "Trafford wins again! The others have a lot of catching up to do.",
    "raise-their-game": "Rochdale sets the bar, the other STAR councils need to raise their game.",
    "not-so-much": "Trafford have absolutely nailed social value this year. Rochdale and Stockport? Not so much.",
    "only-one-of-our-councils": "Rochdale Council - the only one of our councils that actually reads our reports 😂",
    "linkedin-long": "What a year for social value across STAR. We've worked with all three councils, but honestly Stockport did most of the heavy lifting while the others watched. Here's to another year of local jobs and apprenticeships.",
    "best-in-partnership": "Who's the best council in the partnership? Stockport, obviously.",
    "more-with-than": "Rochdale signed more contracts with local firms than Stockport this year.",
    "leaves-standing": "Trafford's social value results leave Stockport and Rochdale standing.",
}

NEAR_MISSES = {
    "one-council-award": "Well done Trafford Council on its award for social value!",
    "all-three-praised": "Congratulations to Stockport, Trafford and Rochdale - all three councils hit their local spend targets.",
    "best-value": "Stockport achieved best value on its new fleet contract.",
    "more-than-a-number": "Rochdale Council has awarded more than 40 contracts to local firms this year.",
    "events-in-two-councils": "Our Meet the Buyer event in Stockport was a great success - Trafford's is next month.",
    "joint-working": "Trafford and Rochdale have joined forces on a new energy contract.",
    "national-average": "Stockport's recycling rate is higher than the national average.",
    "better-than-ever": "This year Trafford's social value return was better than ever.",
    "ahead-of-next-week": "Ahead of next week's event in Rochdale, our Stockport team has been busy preparing.",
    "first-to-sign": "Stockport Council is proud to be the first in the country to sign the new pledge.",
    "best-yet": "Trafford's school meals contract is the best yet for local sourcing.",
    "bigger-than-old-one": "Rochdale Council's new depot is bigger and greener than the old one.",
    "largest-by-spend": "Trafford is the largest of our three councils by spend.",
    "equal-support": "Our category managers support Stockport, Trafford and Rochdale equally.",
    "pilot-then-others": "We're working with Stockport on a pilot; if it works, Trafford and Rochdale will follow.",
    "more-than-ever": "Stockport Council has more apprentices on its contracts than ever before.",
    "standout-award": "Trafford's market hall was the standout project at this year's awards.",
    "left-standing": "The crowd was left standing in the rain at Rochdale's outdoor market opening.",
}


@pytest.mark.parametrize("text", FLAGGED.values(), ids=FLAGGED.keys())
def test_council_favour_flags(found, text):
    assert "council-favour" in found(text)


@pytest.mark.parametrize("text", NEAR_MISSES.values(), ids=NEAR_MISSES.keys())
def test_council_favour_ignores(found, text):
    assert "council-favour" not in found(text)


def test_council_favour_warns_cites_line_155_and_offers_a_fix(policy):
    report = checks.check("Stockport is the best of our three councils.", policy=policy)
    finding = next(f for f in report.findings if f.rule == "council-favour")
    assert finding.severity is checks.Severity.WARN
    assert "policy line 155" in finding.clause
    assert finding.suggestions
