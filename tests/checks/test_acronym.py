"""Acronyms: spelled out on first use unless approved; shouted words are not acronyms."""

from __future__ import annotations

import datetime as dt

import pytest

import checks
from checks.families.acronym import corpus_words
from checks.rules import Context
from checks.text import Document

POSITIVES = {
    "glossary-undefined": "The ITT for the office furniture contract is now on The Chest.",
    "glossary-in-question": "Small firms: don't let the PQQ put you off.",
    "plural-lowercase-s": "We want more SMEs to bid for council work.",
    "plural-in-capitals": "We ran three ITTS this month.",
    "possessive": "The ITT's closing date is Friday.",
    "digits-inside": "Our B2B guide is out now.",
    "unknown-acronym": "Our XQJV team will be at the fair.",
    "two-letter": "Read the SQ guide before you bid.",
    "defined-only-later": "The ITT is live. An invitation to tender (ITT) sets out the work.",
    "wrong-initials": "The ITT (tender pack) is on The Chest.",
    "glossary-word-alone": "SEND pupils will benefit from the new contract.",
    "glossary-in-shouted-run": "FREE WORKSHOP FOR SME BIDDERS",
}

NEAR_MISSES = {
    "defined-before": "Our invitation to tender (ITT) is live. The ITT closes on Friday.",
    "defined-after": "The ITT (invitation to tender) is live. Read the ITT now.",
    "defined-capitalised": "Read the Invitation To Tender (ITT) today.",
    "defined-plural": "Small and medium-sized enterprises (SMEs) won a third of our contracts. SMEs rock.",
    "defined-hyphen-parts": "A pre-qualification questionnaire (PQQ) is short.",
    "defined-with-comma": "Voluntary, community and social enterprise (VCSE) groups are welcome.",
    "defined-capital-word": "HM Revenue and Customs (HMRC) has new guidance.",
    "defined-unknown": "The Northern Buyers Forum (NBF) meets in June. The NBF is free.",
    "defined-small-word-counted": "The Department for Education (DFE) has new guidance.",
    "defined-digits": "Business to business (B2B) sales are up.",
    "approved": "STAR works with NHS partners across the UK and the EU.",
    "approved-gov-uk": "Read the guidance on GOV.UK before you bid.",
    "approved-plural": "We wrote to all local MPs about the fair.",
    "approved-by-name-vat": "Prices include VAT. Send your CV and a PDF.",
    "shouted-free-new": "FREE workshop for small firms. NEW dates added for the autumn.",
    "shouted-breaking": "BREAKING: the fair is moved to Friday.",
    "shouted-urgent-now": "URGENT: book NOW, places are going fast. WOW!",
    "shouted-sentence": "DON'T MISS OUR SUPPLIER FAIR THIS THURSDAY",
    "shouted-glossary-word": "SEND US YOUR QUESTIONS BEFORE FRIDAY",
    "url": "Read more at https://www.example.org/ITT-guide today.",
    "email": "Questions to ITT.team@example.gov.uk please.",
    "handle": "Follow @XQJV for updates.",
    "hashtag": "Join us at the fair #SMEWEEK",
    "postcode": "The fair is at Stopford House, SK1 3XE.",
    "road": "Roadworks on the M60 and A627M this week.",
    "roman-numeral": "Phase II of the works starts in May.",
    "single-letters": "Lot A and Lot B are now open. I am pleased.",
    "id-number": "Your reference is QQ123456C.",
    "year-code": "Our FY24 report is out.",
    "mixed-case": "Our PhD student joined the DfE panel.",
}


def _acronyms(policy: checks.Policy, text: str) -> list[checks.Finding]:
    report = checks.check(text, policy=policy, date=dt.date(2026, 12, 1))
    return [f for f in report.findings if f.rule == "acronym"]


@pytest.mark.parametrize("text", POSITIVES.values(), ids=POSITIVES.keys())
def test_acronym_is_flagged(found, text):
    assert "acronym" in found(text)


@pytest.mark.parametrize("text", NEAR_MISSES.values(), ids=NEAR_MISSES.keys())
def test_acronym_is_not_flagged(found, text):
    assert "acronym" not in found(text)


def test_acronym_fix_is_the_glossary_expansion(policy):
    (finding,) = _acronyms(policy, "The ITT is on The Chest.")
    assert (finding.check, finding.text) == ("acronym.glossary", "ITT")
    assert finding.suggestions == ("invitation to tender (ITT)",)
    assert finding.severity is checks.Severity.WARN
    assert "policy line 163" in finding.clause


def test_acronym_plural_gets_the_plural_expansion(policy):
    (finding,) = _acronyms(policy, "We want more SMEs to bid.")
    assert finding.text == "SMEs"
    assert finding.suggestions == ("small and medium-sized enterprises (SMEs)",)


def test_acronym_irregular_plural_comes_from_the_glossary(policy):
    itts, rfq = _acronyms(policy, "We ran three ITTs and an RFQ.")
    assert itts.suggestions == ("invitations to tender (ITTs)",)
    assert rfq.suggestions == ("request for quotation (RFQ)",)


def test_acronym_possessive_is_left_outside_the_span(policy):
    (finding,) = _acronyms(policy, "The ITT's closing date is Friday.")
    assert (finding.start, finding.end, finding.text) == (4, 7, "ITT")


def test_acronym_expansion_is_capitalised_at_a_sentence_start(policy):
    (finding,) = _acronyms(policy, "Thanks for coming. TUPE applies here.")
    assert finding.suggestions[0].startswith("Transfer of Undertakings")
    (finding,) = _acronyms(policy, "SMEs won a third of our contracts.")
    assert finding.suggestions == ("Small and medium-sized enterprises (SMEs)",)


def test_only_the_first_use_of_an_acronym_is_flagged(policy):
    findings = _acronyms(policy, "The ITT is out. Read the ITT. The ITT closes soon.")
    assert [(f.start, f.text) for f in findings] == [(4, "ITT")]


def test_each_acronym_is_flagged_at_its_own_first_use(policy):
    findings = _acronyms(policy, "The ITT and PQQ are out. Read the ITT and the PQQ.")
    assert [f.text for f in findings] == ["ITT", "PQQ"]


def test_unknown_acronym_asks_to_spell_it_out_with_no_fix(policy):
    (finding,) = _acronyms(policy, "Our XQJV team will be at the fair.")
    assert finding.check == "acronym.unknown"
    assert finding.suggestions == ()
    assert "spell out 'XQJV'" in finding.message


def test_acronym_glossary_holds_at_least_60_entries(policy):
    glossary = policy.data["acronyms"]["glossary"]
    assert len(glossary) >= 60
    assert glossary["ITT"].startswith("invitation to tender")


def test_acronym_approved_list_has_the_common_ones(policy):
    common = ["UK", "NHS", "STAR", "BBC", "GOV.UK", "EU", "VAT", "TV", "OK", "ID", "PDF", "COVID"]
    assert set(common) <= set(policy.data["acronyms"]["approved"])


def test_admin_policy_adds_approved_acronyms_and_glossary_entries(tmp_path):
    admin = tmp_path / "admin.toml"
    admin.write_text(
        '[acronyms]\napproved = ["XQJV"]\n\n[acronyms.glossary]\nZQX = "zonal quality exchange"\n',
        encoding="utf-8",
    )
    policy = checks.load_policy(admin)
    assert _acronyms(policy, "Our XQJV team will be at the fair.") == []
    (finding,) = _acronyms(policy, "The ZQX opens in May.")
    assert finding.suggestions == ("zonal quality exchange (ZQX)",)
    (finding,) = _acronyms(policy, "The ITT opens in May.")  # the shipped glossary stays
    assert finding.suggestions == ("invitation to tender (ITT)",)
    assert _acronyms(policy, "STAR works across the UK.") == []  # and so does the approved list


def test_admin_policy_can_add_ordinary_capital_words(tmp_path):
    admin = tmp_path / "admin.toml"
    admin.write_text('[acronyms]\nwords = ["YUS"]\n', encoding="utf-8")
    policy = checks.load_policy(admin)
    assert _acronyms(policy, "YUS, book now.") == []


@pytest.mark.parametrize(
    "toml",
    [
        '[acronyms.glossary]\nitt = "invitation to tender"\n',
        '[acronyms.glossary]\nITT = ""\n',
        '[acronyms]\napproved = "UK"\n',
        '[[rules]]\nid = "acronym.extra"\nkind = "acronym"\nscope = "everything"\n'
        'clause_line = 163\nmessage = "x"\n',
    ],
    ids=["lower-case-key", "empty-expansion", "approved-not-a-list", "bad-scope"],
)
def test_bad_acronym_policy_is_refused(tmp_path, toml):
    admin = tmp_path / "admin.toml"
    admin.write_text(toml, encoding="utf-8")
    with pytest.raises(checks.PolicyError, match="acronym"):
        checks.load_policy(admin)


def test_shouted_words_are_recognised_from_the_word_list():
    assert {"breaking", "urgent", "congratulations"} <= corpus_words()
    assert not {"itt", "pqq", "ojeu", "tupe"} & corpus_words()


def test_a_long_text_flags_each_undefined_acronym_once(policy):
    sentence = "The ITT and the FREE WORKSHOP for SMEs are open, see www.example.org/ITT now. "
    text = sentence * (10_000 // len(sentence.split()))
    checker = next(c for c in policy.checkers if type(c).__name__ == "AcronymChecker")
    ctx = Context(Document(text), {}, dt.date(2026, 12, 1))
    found = [(f.text, f.start) for f in checker.run(ctx)]
    # Only the first use of each is flagged; shouted words and the URL never are.
    assert found == [("ITT", 4), ("SMEs", 34)]
