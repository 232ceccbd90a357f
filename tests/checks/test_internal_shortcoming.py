"""internal-shortcoming: admitting errors or failings in STAR's processes warns; tips, improvements and dates do not."""

from __future__ import annotations

import pytest

import checks

FLAGGED = {
    "we-got-it-wrong": "We got it wrong on the catering tender and we're sorry.",
    "our-mistake": "Our mistake! The closing date is 14 May, not 12 May.",
    "error-in-tender-documents": "Apologies for the error in our tender documents published yesterday.",
    "portal-crashed": "Our portal crashed this morning so some bids may not have uploaded.",
    "missed-deadline": "Unfortunately we missed the deadline for publishing the contract award notice.",
    "short-staffed": "Sorry for the delay, we are short-staffed at the moment.",
    "backlog": "We have a backlog of supplier registrations and are working through them.",
    "wrong-documents": "We sent the wrong documents to bidders last week - the correct pack is now on The Chest.",
    "mix-up": "A mix-up on our part meant some suppliers didn't receive the clarification.",
    "correction": "Correction: the Meet the Buyer event is on Thursday, not Wednesday.",
    "slow-and-confusing": "We know our invoicing process is slow and confusing - we're working on it.",
    "running-behind": "We're running behind on evaluations this month, so award letters will be late.",
    "form-not-working": "The webinar booking form isn't working at the moment - we're on it.",
    "wrong-closing-date": "The tender documents had the wrong closing date - please note it's 3 July.",
    "link-broken": "Apologies - the link in our earlier post was broken.",
    "phone-lines": "We're aware our phone lines have been difficult to get through on recently.",
    "overrun": "Our evaluation of the cleaning tender has overrun, so the award will now be in September.",
    "slow-getting-back": "We know we've been slow getting back to some of you this month. Thanks for sticking with us.",
    "linkedin-long": "An update for bidders on the fleet tender. Some bidders couldn't upload their documents because our file size limit was set too low. The deadline has moved to Friday.",
}

NEAR_MISSES = {
    "avoid-errors-tips": "How to avoid errors in your tender: our top five tips.",
    "improved-portal": "We've improved our portal to make uploading documents quicker.",
    "deadline-date": "The deadline is 12 May - don't miss it!",
    "missed-our-webinar": "Missed our webinar? We've posted the recording online.",
    "forgot-password": "Forgot your password for The Chest? Here's how to reset it.",
    "sorry-to-say-goodbye": "We're sorry to say goodbye to Jane after 20 years with STAR.",
    "overwhelmed-by-response": "We've been overwhelmed by the response to our Meet the Buyer event!",
    "open-late": "We're open late on Thursday for supplier drop-in sessions.",
    "check-for-typos": "Check your bid for typos before you submit it.",
    "planned-maintenance": "The portal will be unavailable on Sunday for planned maintenance.",
    "webinar-for-act": "Struggling to keep up with the new Procurement Act? Join our webinar.",
    "behind-you": "We're behind you all the way, small businesses!",
    "fast-response-times": "Our response times are among the fastest in the region.",
    "late-payment-policy": "Late payment is one of the biggest worries for small businesses, so we pay within 30 days.",
}


@pytest.mark.parametrize("text", FLAGGED.values(), ids=FLAGGED.keys())
def test_internal_shortcoming_flags(found, text):
    assert "internal-shortcoming" in found(text)


@pytest.mark.parametrize("text", NEAR_MISSES.values(), ids=NEAR_MISSES.keys())
def test_internal_shortcoming_ignores(found, text):
    assert "internal-shortcoming" not in found(text)


def test_internal_shortcoming_warns_cites_line_159_and_offers_a_fix(policy):
    report = checks.check("Our mistake! The closing date is 14 May, not 12 May.", policy=policy)
    finding = next(f for f in report.findings if f.rule == "internal-shortcoming")
    assert finding.severity is checks.Severity.WARN
    assert "policy line 159" in finding.clause
    assert finding.suggestions
