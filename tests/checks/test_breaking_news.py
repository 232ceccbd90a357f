"""breaking-news: breaking-news markers warn; record-breaking, ground-breaking and 'just in time' do not."""

from __future__ import annotations

import pytest

import checks

FLAGGED = {
    "breaking-caps": "BREAKING: Major contractor enters administration.",
    "breaking-news-phrase": "Breaking news - the Chancellor has announced new procurement rules.",
    "just-in-colon": "Just in: government confirms changes to the Procurement Act start date.",
    "this-just-in": "This just in - Greater Manchester to get new funding for schools.",
    "developing-story": "Developing story: fire at an industrial estate in Rochdale.",
    "news-coming-in": "News is coming in of a serious incident on the M60 near Stockport.",
    "unconfirmed-reports": "Unconfirmed reports that a large supplier has lost its contract with another authority.",
    "live-updates": "Live updates from the Budget announcement today #Budget2026",
    "hashtag": "Huge news for the public sector #breaking",
    "reports-emerging": "Reports are emerging that a major outsourcing firm has gone bust.",
    "emoji-caps": "🚨 BREAKING 🚨 Interest rates cut again",
    "as-story-develops": "We're hearing reports of flooding across Trafford. We'll share more as the story develops.",
    "just-been-announced": "It has just been announced that the Spending Review will be delayed.",
    "rumour-has-it": "Rumour has it the Procurement Act will be delayed again.",
    "pipe-separator": "BREAKING | Greater Manchester mayor announces new transport contract",
    "news-reaching-us": "News reaching us that a major fire has broken out at a recycling plant in Rochdale.",
    "what-we-know-so-far": "Here's what we know so far about this morning's cyber attack on a Manchester council.",
    "linkedin-long": "A quick note for our supplier community. Reports just in that a national facilities firm has collapsed into administration, putting thousands of jobs at risk. If you subcontract to them, talk to your contract manager.",
}

NEAR_MISSES = {
    "record-breaking": "What a record-breaking year for social value!",
    "ground-breaking": "Ground-breaking work by our category team on carbon reduction.",
    "breaking-down-barriers": "Breaking down barriers for small businesses bidding for council contracts.",
    "breaking-ground": "We're breaking ground on a new school in Trafford next month.",
    "just-in-time": "Just in time for Christmas: our guide to bidding in the new year.",
    "just-in-case": "Just in case you missed it, our webinar recording is on YouTube.",
    "published-guidance": "Pleased to share the government's new guidance on social value, published today.",
    "team-news": "News from the team: Sarah has passed her CIPS exams!",
    "breaking-the-cycle": "Breaking the cycle of late payment for small suppliers.",
    "caps-record-breaking": "A RECORD-BREAKING 400 suppliers attended our event!",
    "just-in-from-our-event": "Just in from our Meet the Buyer event: 120 suppliers registered!",
    "developing-skills": "Developing skills in procurement: join our apprenticeship scheme.",
    "live-tenders": "Live tender opportunities are listed on The Chest.",
    "just-announced-dates": "We've just announced the dates for next year's supplier events.",
}


@pytest.mark.parametrize("text", FLAGGED.values(), ids=FLAGGED.keys())
def test_breaking_news_flags(found, text):
    assert "breaking-news" in found(text)


@pytest.mark.parametrize("text", NEAR_MISSES.values(), ids=NEAR_MISSES.keys())
def test_breaking_news_ignores(found, text):
    assert "breaking-news" not in found(text)


def test_breaking_news_warns_cites_line_156_and_offers_a_fix(policy):
    report = checks.check("BREAKING: Major contractor enters administration.", policy=policy)
    finding = next(f for f in report.findings if f.rule == "breaking-news")
    assert finding.severity is checks.Severity.WARN
    assert "policy line 156" in finding.clause
    assert finding.suggestions
