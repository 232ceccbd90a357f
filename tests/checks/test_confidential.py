"""confidential: confidential markings, leaks and the administrator's terms block; reassurances do not."""

from __future__ import annotations

import pytest

import checks

FLAGGED = {
    "confidential-caps": "CONFIDENTIAL - draft evaluation scores attached.",
    "commercially-sensitive": "This is commercially sensitive, but we can tell you prices came in 20% lower.",
    "not-for-publication": "Not for publication: the framework will be extended to 2028.",
    "internal-only": "Internal only - please don't share outside the team.",
    "official-sensitive": "OFFICIAL-SENSITIVE: draft budget proposals for 2027/28.",
    "embargoed-until": "Embargoed until 9am Monday: new partnership announcement.",
    "exempt-information": "The report contains exempt information under Schedule 12A.",
    "do-not-share": "Do not share this with bidders yet!",
    "leaked": "A leaked memo shows the council plans to bring the service in-house.",
    "not-yet-public": "The new depot location is not yet public, but we can tell you it's in Stockport 😉",
    "between-you-and-me": "Between you and me, the winning bid was much cheaper.",
    "under-wraps": "We're keeping the new framework under wraps for now, but it's going to be huge.",
    "confidential-report": "The confidential report to cabinet recommends closing two depots.",
    "little-bird": "A little bird told me the budget for highways is being cut.",
    "off-the-record": "Off the record, the contract is going to be retendered next year.",
    "internal-only-hyphen": "Sharing an internal-only slide from our strategy day!",
    "keep-it-under-your-hat": "Keep it under your hat, but we're about to launch a £50m framework.",
    "not-supposed-to-mention": "We're not supposed to mention it until next week, but the new framework is approved!",
    "cant-share-yet-but": "Can't share the figures publicly yet, but the savings from the energy contract are huge 👀",
    "linkedin-long": "Great strategy day with the team. Here's the internal memo on next year's budget cuts - not for wider circulation, so keep it to yourselves!",
}

NEAR_MISSES = {
    "whistleblowing-line": "Our confidential reporting line for whistleblowing is open 24/7.",
    "keep-your-bid-confidential": "We keep your bid confidential, always.",
    "confidentiality-clauses": "Confidentiality clauses explained: what suppliers need to know.",
    "strict-confidence-reassurance": "All tender responses are treated in strict confidence.",
    "password-advice": "Don't share your password for The Chest with anyone.",
    "confidential-waste-contract": "Confidential waste collection contract awarded to a local firm.",
    "foi-explainer": "What counts as commercially sensitive information under FOI? Our guide explains.",
    "mark-sensitive-parts": "Suppliers can mark commercially sensitive parts of their bid when they submit.",
    "employee-helpline": "Need to talk? Our confidential employee helpline is here for you.",
    "confidential-debrief": "Bidders can request a confidential debrief after the award.",
    "trade-embargo": "The embargo on Russian imports is affecting some supply chains.",
    "surprise": "Shh! It's a surprise: tomorrow we're announcing our new Head of Service. Watch this space.",
    "cant-comment-on-live-tenders": "We can't comment on live tenders, but we'll publish the award notice as soon as it's signed.",
    "between-now-and-march": "Between now and March we'll run six supplier workshops.",
}


@pytest.mark.parametrize("text", FLAGGED.values(), ids=FLAGGED.keys())
def test_confidential_flags(found, text):
    assert "confidential" in found(text)


@pytest.mark.parametrize("text", NEAR_MISSES.values(), ids=NEAR_MISSES.keys())
def test_confidential_ignores(found, text):
    assert "confidential" not in found(text)


def test_confidential_blocks_cites_line_161_and_offers_a_fix(policy):
    report = checks.check(
        "Not for publication: the framework will be extended to 2028.", policy=policy
    )
    finding = next(f for f in report.findings if f.rule == "confidential")
    assert finding.severity is checks.Severity.BLOCK
    assert "policy line 161" in finding.clause
    assert finding.suggestions


def test_an_administrator_can_add_confidential_terms(tmp_path, found):
    path = tmp_path / "admin.toml"
    path.write_text(
        '[[rules]]\nid = "confidential.terms"\nterms = ["Project Kestrel"]\n', encoding="utf-8"
    )
    admin = checks.load_policy(path)
    text = "Great progress on Project Kestrel this week!"
    assert "confidential" in {f.rule for f in checks.check(text, policy=admin).findings}
    assert "confidential" not in found(text)


def test_administrator_terms_keep_the_shipped_terms(tmp_path):
    path = tmp_path / "admin.toml"
    path.write_text(
        '[[rules]]\nid = "confidential.terms"\nterms = ["Project Kestrel"]\n', encoding="utf-8"
    )
    admin = checks.load_policy(path)
    report = checks.check("Not for publication: the new depot site.", policy=admin)
    assert "confidential" in {f.rule for f in report.findings}
