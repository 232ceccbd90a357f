"""Personal data (Appendix A, policy line 161): contact details, identifiers, bank details."""

from __future__ import annotations

import datetime as dt
import socket

import pytest

import checks
from checks.families import identifiers, personal_data
from checks.rules import Context
from checks.text import Document

DATE = dt.date(2026, 12, 1)

FLAGGED = [
    # (text, dotted rule id, text of the finding)
    ("Call me on 07700 900123", "phone", "07700 900123"),
    ("Call me on 07700900123", "phone", "07700900123"),
    ("Ring Sam on 0161 496 0123 today", "phone", "0161 496 0123"),
    ("Ring 0161-496-0123 today", "phone", "0161-496-0123"),
    ("Ring (0161) 496 0123 today", "phone", "(0161) 496 0123"),
    ("Text +44 7700 900123", "phone", "+44 7700 900123"),
    ("Dial +44 (0)161 496 0123", "phone", "+44 (0)161 496 0123"),
    ("Dial 0044 161 496 0123", "phone", "0044 161 496 0123"),
    ("London office: 020 7946 0123", "phone", "020 7946 0123"),
    ("Try 01632 960123", "phone", "01632 960123"),
    ("Freephone 0808 157 0123", "phone", "0808 157 0123"),
    ("Ring 0161 496 0124.", "phone", "0161 496 0124"),
    ("Paris office +33 1 23 45 67 89", "phone", "+33 1 23 45 67 89"),
    ("Email sarah.jones@star-procurement.gov.uk", "email", "sarah.jones@star-procurement.gov.uk"),
    ("Questions to jo@example.co.uk.", "email", "jo@example.co.uk"),
    ("Write to JO.BLOGGS@EXAMPLE.COM", "email", "JO.BLOGGS@EXAMPLE.COM"),
    ("She lives at M1 1AE now", "postcode", "M1 1AE"),
    ("post it to sk41aa please", "postcode", "sk41aa"),
    ("Our new depot, OL11 3AB", "postcode", "OL11 3AB"),
    ("Send to W1A 1AA", "postcode", "W1A 1AA"),
    ("NI number AB 12 34 56 C", "ni-number", "AB 12 34 56 C"),
    ("His NI was AB123456C", "ni-number", "AB123456C"),
    ("National Insurance: JG 10 37 59", "ni-number", "JG 10 37 59"),
    ("We hold your NI number (QQ123456C)", "ni-number", "QQ123456C"),
    ("Sort code 12-34-56 for refunds", "bank", "12-34-56"),
    ("Pay 12-34-56 12345678", "bank", "12-34-56"),
    ("Account number 12345678", "bank", "12345678"),
    ("IBAN GB29 NWBK 6016 1331 9268 19", "bank", "GB29 NWBK 6016 1331 9268 19"),
    ("Card 4111 1111 1111 1111 expires", "card", "4111 1111 1111 1111"),
    ("Card 5555-5555-5555-4444", "card", "5555-5555-5555-4444"),
    ("Amex 3782 822463 10005", "card", "3782 822463 10005"),
    ("Card 4111111111111111", "card", "4111111111111111"),
    ("Sarah was born 12/03/1985", "date-of-birth", "born 12/03/1985"),
    ("DOB: 12.03.1985", "date-of-birth", "DOB: 12.03.1985"),
    ("Date of birth: 12 March 1985", "date-of-birth", "Date of birth: 12 March 1985"),
    ("Sam, born on the 3rd of May 1990", "date-of-birth", "born on the 3rd of May 1990"),
    (
        "For details contact Sarah Jones on 07700 900123",
        "named-contact",
        "Sarah Jones on 07700 900123",
    ),
    (
        "Email Dr Priya Shah at p.shah@example.com",
        "named-contact",
        "Dr Priya Shah at p.shah@example.com",
    ),
    ("Cllr Jones: 07700 900123", "named-contact", "Cllr Jones: 07700 900123"),
    ("Anita Kaur starts chemotherapy next week.", "health", "Anita Kaur starts chemotherapy"),
    ("Get well soon, mate! Off sick again.", "health", "Get well soon, mate"),
]

NEAR_MISSES = {
    "tender-reference": "Tender STAR-2026-041 is now open on The Chest",
    "reference-number": "Please quote ref 2017-0412",
    "year-range": "Our 2017-18 strategy is published",
    "price": "A framework worth £4,500,000",
    "percentage": "Savings up 45% on last year",
    "time": "Doors open at 10:30",
    "time-range": "Session 09.30-10.30 in the main hall",
    "event-date": "Meet the Buyer on 12/03/2027 at the town hall",
    "iso-date": "Published 2026-12-01",
    "date-like-sort-code": "Opens 12-03-27",
    "count": "4,500 suppliers are registered",
    "team-mailbox": "Email procurement@star-procurement.gov.uk for details",
    "role-mailbox": "Invoice questions to accounts@example-council.gov.uk please",
    "tree-surgery": "Tree surgery for Trafford parks is now on The Chest",
    "health-campaign": "Our team ran the 10k in aid of a cancer charity",
    "switchboard": "Call the switchboard on 0161 496 0000",
    "stockport-town-hall": "Stockport Town Hall, SK1 3XE",
    "trafford-town-hall": "Trafford Town Hall, Talbot Road, M32 0TH",
    "rochdale-riverside": "Number One Riverside, Rochdale OL16 1XU",
    "motorway": "Delays on the M60 motorway",
    "outward-code-alone": "We buy from firms in M1 and SK1",
    "motorway-exit": "take the M6 1st exit",
    "excel-range": "Totals are in cells A1:B10",
    "version": "Version 2.0.1 of the toolkit",
    "invoice-total": "Invoice total £12,345.67",
    "company-number": "Companies House number 01234567",
    "born-year-only": "STAR was born in 2014",
    "born-idea": "The idea was born on 12 March at our away day",
    "handle": "Follow @STARProcurement",
    "image-name": "Attach logo@2x.png",
    "url": "See star-procurement.gov.uk/News/2018/20180903-STAR.aspx",
    "isbn": "ISBN 978-0-14-103614-4",
    "luhn-fails": "Order 4111 1111 1111 1112",
    "invalid-ni-prefix": "Part no. DF 12 34 56 A",
    "invalid-phone": "Call 0123 456",
}


@pytest.fixture(scope="module")
def findings(policy):
    def run(text, pol=None):
        report = checks.check(text, policy=pol or policy, date=DATE)
        return [f for f in report.findings if f.rule == "personal-data"]

    return run


@pytest.mark.parametrize(
    ("text", "name", "match"), FLAGGED, ids=[f"{name}:{text}" for text, name, _ in FLAGGED]
)
def test_flags_personal_data(findings, text, name, match):
    assert (f"personal-data.{name}", match) in [(f.check, f.text) for f in findings(text)]


@pytest.mark.parametrize("text", NEAR_MISSES.values(), ids=NEAR_MISSES.keys())
def test_leaves_near_misses(found, text):
    assert "personal-data" not in found(text)


def test_every_rule_has_a_flagged_example(policy):
    ids = {r.id for r in policy.rules if r.family == "personal-data"}
    assert ids == {f"personal-data.{name}" for _, name, _ in FLAGGED}


def test_finding_cites_line_161_and_blocks(findings):
    (finding,) = findings("Call me on 07700 900123")
    assert finding.severity is checks.Severity.BLOCK
    assert "policy line 161" in finding.clause
    assert "Remove the number" in finding.suggestions


def test_email_suggests_the_team_mailbox(findings):
    (finding,) = findings("Email sarah.jones@star-procurement.gov.uk")
    assert finding.suggestions[0] == "Use the team mailbox procurement@star-procurement.gov.uk"


@pytest.mark.parametrize(
    "prefix",
    ["🎉🎉 ", "👩‍💻 Café ", "𝐁𝐨𝐥𝐝 ", "e\u0301\u0301 "],
    ids=["emoji", "zwj-emoji", "astral-letters", "combining-marks"],
)
def test_offsets_are_string_indices_after_non_ascii(findings, prefix):
    text = f"{prefix}Call 07700 900123 or jo@example.com"
    spans = [(f.start, f.end) for f in findings(text)]
    phone, email = text.index("07700"), text.index("jo@")
    assert spans == [(phone, phone + 12), (email, email + 14)]


def test_a_number_is_reported_once(findings):
    assert len(findings("Card 4111 1111 1111 1111, call 0161 496 0123")) == 2


def test_named_contact_replaces_the_bare_phone_finding(findings):
    checks_found = [f.check for f in findings("Contact Sarah Jones on 07700 900123")]
    assert checks_found == ["personal-data.named-contact"]


def test_an_office_is_not_a_named_contact(findings):
    checks_found = [f.check for f in findings("Contact Stockport Council on 0161 496 0123")]
    assert checks_found == ["personal-data.phone"]


def test_message_names_the_person(findings):
    (finding,) = findings("Contact Sarah Jones on 07700 900123")
    assert "Sarah Jones" in finding.message


@pytest.mark.parametrize(
    "text",
    [
        "Email Procurement@STAR-Procurement.gov.uk",
        "Call +44 161 496 0000",
        "Call (0161) 496-0000",
        "Venue: sk1 3xe",
        "Venue: M320TH",
    ],
    ids=[
        "mailbox-any-case",
        "switchboard-international",
        "switchboard-brackets",
        "venue-lower",
        "venue-no-space",
    ],
)
def test_allow_list_matches_any_format(found, text):
    assert "personal-data" not in found(text)


ADMIN = """
[contacts]
allowed_emails = ["events@star-procurement.gov.uk"]
allowed_email_domains = ["example.org"]
allowed_phones = ["0161 496 0999"]
allowed_postcodes = ["M1 1AE"]
"""


@pytest.fixture(scope="module")
def admin(tmp_path_factory):
    path = tmp_path_factory.mktemp("policy") / "admin.toml"
    path.write_text(ADMIN, encoding="utf-8")
    return checks.load_policy(path)


@pytest.mark.parametrize(
    "text",
    [
        "Email events@star-procurement.gov.uk",
        "Email press@example.org or press@news.example.org",
        "Call 0161 496 0999",
        "Venue M1 1AE",
        "Email procurement@star-procurement.gov.uk or call 0161 496 0000 at SK1 3XE",
    ],
    ids=["admin-email", "admin-domain", "admin-phone", "admin-postcode", "shipped-still-allowed"],
)
def test_admin_file_extends_the_allow_lists(findings, admin, text):
    assert findings(text, admin) == []


def test_admin_allow_list_leaves_other_details_flagged(findings, admin):
    text = "Email sam@example.com or call 0161 496 0998 at M1 1AF"
    assert [f.check for f in findings(text, admin)] == [
        "personal-data.email",
        "personal-data.phone",
        "personal-data.postcode",
    ]


def test_admin_file_can_switch_one_rule_off(findings, tmp_path):
    path = tmp_path / "admin.toml"
    path.write_text('[settings]\ndisabled = ["personal-data.postcode"]\n', encoding="utf-8")
    pol = checks.load_policy(path)
    assert [f.check for f in findings("M1 1AE, 07700 900123", pol)] == ["personal-data.phone"]


@pytest.mark.parametrize(
    ("admin_text", "reason"),
    [
        ('[contacts]\nallowed_phones = ["switchboard"]\n', "not a telephone number"),
        ('[contacts]\nallowed_emails = "procurement@x.gov.uk"\n', "must be a list of texts"),
        ('[personal_data]\ndrama_phone_ranges = ["7700"]\n', "national prefix"),
        ('[[rules]]\nid = "personal-data.phone"\ndetect = "fax"\n', "'detect' must be one of"),
        ('[[rules]]\nid = "personal-data.phone"\nwindow = 3\n', "unknown option 'window'"),
    ],
    ids=["bad-phone", "not-a-list", "bad-drama-range", "unknown-detector", "unknown-option"],
)
def test_bad_policy_data_is_refused(tmp_path, admin_text, reason):
    path = tmp_path / "admin.toml"
    path.write_text(admin_text, encoding="utf-8")
    with pytest.raises(checks.PolicyError, match=reason):
        checks.load_policy(path)


def test_phone_checks_run_with_sockets_blocked(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    pol = checks.load_policy()
    report = checks.check("Ring +33 1 23 45 67 89 or 0161 496 0123", policy=pol, date=DATE)
    assert [f.check for f in report.findings if f.rule == "personal-data"] == [
        "personal-data.phone",
        "personal-data.phone",
    ]


@pytest.mark.parametrize(
    ("digits", "valid"),
    [("4111111111111111", True), ("4111111111111112", False), ("378282246310005", True)],
    ids=["visa", "visa-typo", "amex"],
)
def test_luhn(digits, valid):
    assert identifiers.luhn_valid(digits) is valid


def test_excerpt_maps_offsets_back_to_the_text():
    text = "word " * 50 + "Call 0161 496 0123 and " + "more " * 50 + "M1 1AE"
    excerpt = identifiers.Excerpt(text)
    spans = [(s, e) for s, e, _ in excerpt.scan(identifiers.SORT_CODE_RE)]
    assert spans == []
    assert len(excerpt.text) < len(text) / 3
    postcodes = list(identifiers.find_postcodes(excerpt))
    assert [text[s:e] for s, e in postcodes] == ["M1 1AE"]


def _personal_data_checker(policy):
    return next(c for c in policy.checkers if isinstance(c, personal_data.PersonalData))


def test_every_number_in_a_long_article_is_found(policy):
    sentence = "The STAR councils awarded 12 contracts worth £4,500,000 in 2017-18 (ref 2017-0412)."
    parts = [
        f"{sentence} Call 0161 496 {i + 1:04d}." if i % 5 == 0 else sentence for i in range(800)
    ]
    text = " ".join(parts)
    assert len(text.split()) > 10_000
    checker = _personal_data_checker(policy)
    doc = Document(text)
    ctx = Context(doc, policy.lexicon.scan(doc), DATE)
    found = list(checker.run(ctx))
    # One per phone number; the amounts, years and tender references raise nothing.
    assert [f.text for f in found] == [f"0161 496 {i + 1:04d}" for i in range(0, 800, 5)]
