"""personal-opinion: personal views that could reflect badly warn; pride, welcomes and the service's voice do not."""

from __future__ import annotations

import pytest

import checks

FLAGGED = {
    "in-my-opinion": "In my opinion, the new Procurement Act is a step backwards.",
    "imo": "IMO social value scoring is a box-ticking exercise.",
    "imho": "Frameworks are overrated IMHO.",
    "personally-i-think": "Personally I think the Chest needs a complete overhaul.",
    "if-you-ask-me": "If you ask me, the government has got this badly wrong.",
    "i-reckon": "I reckon most of these bidder events are a waste of time.",
    "cant-stand": "I can't stand jargon in tender documents.",
    "i-hate": "I hate the new e-invoicing rules.",
    "to-be-honest": "To be honest, the new system is a nightmare.",
    "rant": "Rant incoming: why do suppliers still send faxes?",
    "unpopular-opinion": "Unpopular opinion: lowest price should win every time.",
    "i-think-ridiculous": "I think the whole idea of a national procurement platform is ridiculous.",
    "i-believe-disaster": "I believe the changes will be a disaster for small firms.",
    "i-feel-unfair": "I feel the new thresholds are completely unfair on SMEs.",
    "id-argue": "I'd argue the Procurement Act is a missed opportunity.",
    "controversial-but": "Controversial, but I think we should drop social value weightings altogether.",
    "ill-say-it": "I'll say it: frameworks are overused and overrated.",
    "not-convinced": "Hmm, I'm really not convinced the new rules will help small firms at all.",
    "in-my-experience": "In my experience, most procurement training is dull and pointless.",
    "linkedin-long": "Back from the national procurement conference. Great to catch up with peers, but I genuinely think the government's approach to the new regime is misguided.",
    "should-never": "I think councils should never pay for social value.",
    "fad": "I feel the fuss about AI in procurement is a fad that achieves very little.",
}

NEAR_MISSES = {
    "proud-of-team": "I'm proud of our team for winning the award.",
    "delighted-to-welcome": "I'm delighted to welcome Priya to the category team.",
    "we-think-youll-enjoy": "We think you'll enjoy our new podcast on social value.",
    "quoting-a-report": "The report found that councils are failing to measure social value consistently.",
    "i-think-useful": "I think you'll find our new guide really useful.",
    "i-believe-positive": "I believe social value is at the heart of good procurement.",
    "according-to": "According to the LGA, councils face a £4bn funding gap.",
    "fair-to-bidders": "To be fair to all bidders, we publish every clarification answer.",
    "personally-thank": "I'd like to personally thank everyone who came to our event.",
    "im-afraid-full": "I'm afraid our event is now fully booked, but join the waiting list.",
    "survey-finding": "The survey found that 62% of SMEs think bidding is too complicated.",
    "i-wish-christmas": "I wish everyone a happy and restful Christmas.",
    "consultation-question": "The consultation asks whether the thresholds are too low - have your say.",
    "always-win-service-voice": "Quality and price both count: our evaluation always weighs the two.",
    "little-fact": "The change makes little difference to how you bid: the deadline stays the same.",
}


@pytest.mark.parametrize("text", FLAGGED.values(), ids=FLAGGED.keys())
def test_personal_opinion_flags(found, text):
    assert "personal-opinion" in found(text)


@pytest.mark.parametrize("text", NEAR_MISSES.values(), ids=NEAR_MISSES.keys())
def test_personal_opinion_ignores(found, text):
    assert "personal-opinion" not in found(text)


def test_personal_opinion_warns_cites_line_160_and_offers_a_fix(policy):
    report = checks.check(
        "In my opinion, the new Procurement Act is a step backwards.", policy=policy
    )
    finding = next(f for f in report.findings if f.rule == "personal-opinion")
    assert finding.severity is checks.Severity.WARN
    assert "policy line 160" in finding.clause
    assert finding.suggestions
