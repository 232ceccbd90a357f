"""criticism: judging suppliers, competitors or other organisations warns; advice and neutral facts do not."""

from __future__ import annotations

import pytest

import checks

FLAGGED = {
    "named-ltd-useless": "Acme Ltd are useless - three months late and still no sign of the work.",
    "other-councils-waste": "Other councils waste money on consultants we simply don't need.",
    "unlike-the-shambles": "Unlike the shambles at Northway Surfacing, our contractors turned up on time.",
    "cowboy-contractors": "Beware cowboy contractors offering cheap roofing.",
    "shoddy-work": "Residents were let down by their shoddy work on the new play area.",
    "joke-of-an-organisation": "Frankly, Castlegate Civils is a joke of an organisation.",
    "unlike-some-councils": "Unlike some councils, we actually pay our suppliers within 30 days.",
    "ridiculous-fees": "Some framework providers charge ridiculous fees for very little.",
    "ripping-off": "The big outsourcing firms have been ripping off the public sector for years.",
    "overpriced-competitors": "Our competitors' frameworks are slow, expensive and outdated.",
    "cant-be-trusted": "Some suppliers just can't be trusted to deliver on time.",
    "previous-contractor-mess": "The previous contractor made a complete mess of the library refurbishment.",
    "why-do-other-councils": "Why do other councils insist on making tendering so painful for small businesses?",
    "treat-smes-badly": "It's about time the big suppliers stopped treating SMEs so badly.",
    "greenwashing": "Some 'social value' pledges from big firms are pure greenwashing.",
    "years-behind": "Some of our neighbouring authorities are years behind on digital procurement.",
    "late-and-over-budget": "The construction firm behind the original scheme delivered it two years late and massively over budget.",
    "walked-away": "We've picked up the pieces after another provider walked away from a care contract mid-term.",
    "linkedin-long": "Procurement is about trust. We've seen what happens when councils hire cheap agencies - total chaos. That's why we check every supplier carefully before award.",
    "name-calling": "Honestly, the directors of Moorside Fencing are a bunch of crooks.",
    "only-dream-of": "Neighbouring procurement teams can only dream of figures like ours.",
    "not-a-good-look": "Castlegate Civils still haven't published their carbon figures. Not a good look.",
    "waits-months": "Suppliers to the regional hub wait months for a decision on every query.",
    "lesson-in-how-not-to": "That county council's new portal is a lesson in how not to design a website.",
    "shared-services-overpriced": "The big shared services are overpriced and bureaucratic.",
}

NEAR_MISSES = {
    "bid-advice": "Avoid common mistakes in your bid: read the specification carefully.",
    "air-quality": "Poor air quality is a challenge for every town centre.",
    "award-fact": "Northway Surfacing has been awarded the highways contract.",
    "late-payment-sympathy": "Late payment can be a real problem for small businesses - we pay within 10 days.",
    "worst-hit": "Small firms were worst hit by rising energy costs last winter.",
    "bid-let-down": "Don't let your bid be let down by poor spelling - check it twice.",
    "rubbish-collections": "The council collects rubbish from 120,000 homes every week.",
    "tips-for-smes": "Tips for SMEs: how to avoid the most common pitfalls when tendering.",
    "unlike-a-traditional-tender": "Unlike a traditional tender, a dynamic purchasing system lets suppliers join at any time.",
    "suppliers-must-comply": "Contractors must comply with the Construction Design and Management Regulations.",
    "supplier-closed": "Sadly one of our suppliers, a family firm, closed this year after 50 years of trading.",
    "other-councils-use-toolkit": "Other councils have asked to use our social value toolkit - we're happy to share.",
    "positive-feedback": "They told us the new portal is much easier to use.",
    "contractor-early": "The contractor finished the work two weeks early.",
    "performance-dips": "If a contractor's performance dips, we work with them to put it right.",
}


@pytest.mark.parametrize("text", FLAGGED.values(), ids=FLAGGED.keys())
def test_criticism_flags(found, text):
    assert "criticism" in found(text)


@pytest.mark.parametrize("text", NEAR_MISSES.values(), ids=NEAR_MISSES.keys())
def test_criticism_ignores(found, text):
    assert "criticism" not in found(text)


def test_criticism_warns_cites_line_158_and_offers_a_fix(policy):
    report = checks.check("Acme Ltd are useless.", policy=policy)
    finding = next(f for f in report.findings if f.rule == "criticism")
    assert finding.severity is checks.Severity.WARN
    assert "policy line 158" in finding.clause
    assert finding.suggestions
