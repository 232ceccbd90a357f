"""offensive: swearing and slurs block, disguised forms block, mild words and insults warn."""

from __future__ import annotations

import pytest

import checks

SWEARING = {
    "fuck": ("What the fuck happened at the depot?", "fuck"),
    "fucking-capitalised": ("Fucking brilliant turnout today.", "Fucking"),
    "fuckin-apostrophe": ("A fuckin’ great result for Rochdale.", "fuckin"),
    "fuckers": ("Those fuckers never paid.", "fuckers"),
    "shit": ("The weather was shit but we still went.", "shit"),
    "shite": ("The old system was shite.", "shite"),
    "shitty": ("A shitty day for the team.", "shitty"),
    "bullshit": ("That claim is bullshit.", "bullshit"),
    "bollocks": ("Total bollocks from the press.", "bollocks"),
    "bastards": ("The bastards kept us waiting.", "bastards"),
    "wanker": ("Some wanker parked in the disabled bay.", "wanker"),
    "twat": ("What a twat.", "twat"),
    "cunt": ("He called the officer a cunt.", "cunt"),
    "arsehole": ("Don't be an arsehole about parking.", "arsehole"),
    "dickhead": ("Only a dickhead would miss the deadline.", "dickhead"),
    "pissed": ("The team got pissed at the awards.", "pissed"),
    "piss-take": ("Their quote was a piss-take.", "piss-take"),
    "motherfucker": ("Motherfucker of a week.", "Motherfucker"),
    "slur-disability": ("Don't be such a retard.", "retard"),
    "slur-disability-2": ("The old name was spastic society.", "spastic"),
    "slur-homophobic": ("Some poofter wrote in.", "poofter"),
    "slur-racial": ("He used the word paki in the meeting.", "paki"),
    "hashtag": ("Long week #fuck", "fuck"),
    "camel-case-hashtag": ("Long week #FuckIt", "Fuck"),
    "capitals-in-hashtag": ("Long week #SHITWeek", "SHIT"),
    "hashtag-with-digits": ("Long week #Fucking2026", "Fucking"),
}

MILD = {
    "bloody": ("What a bloody good event!", "bloody"),
    "bloody-hell": ("Bloody hell, that was quick.", "Bloody"),
    "damn": ("Damn, we missed the deadline.", "Damn"),
    "crap": ("The old portal was crap.", "crap"),
    "bugger": ("Bugger, the printer's jammed.", "Bugger"),
    "cock-up": ("A bit of a cock-up with the invites.", "cock-up"),
    "wtf": ("WTF is this form?", "WTF"),
    "arse": ("Can't be arsed with paperwork.", "arsed"),
}

DISGUISED = {
    "one-star": ("Well, sh*t.", "sh*t"),
    "two-stars": ("What a load of s**t.", "s**t"),
    "three-stars": ("The f***ing printer again.", "f***ing"),
    "star-for-vowel": ("This f*cking form.", "f*cking"),
    "mask-to-end": ("Oh f***, the deadline.", "f***"),
    "dollar": ("No $hit, Sherlock.", "$hit"),
    "digit-one": ("Sh1t happens.", "Sh1t"),
    "digit-five": ("5hit happens.", "5hit"),
    "exclamation": ("Sh!t, we forgot.", "Sh!t"),
    "v-for-u": ("Fvck this weather.", "Fvck"),
    "ph-for-f": ("Phuck the paperwork.", "Phuck"),
    "k-for-ck": ("What the fuk is going on?", "fuk"),
    "at-sign": ("Some b@stard nicked my pen.", "b@stard"),
    "double-dollar": ("Don't be an a$$.", "a$$"),
    "repeated-letters": ("Shiiit, the deadline!", "Shiiit"),
    "repeated-letters-long": ("Fuuuuck.", "Fuuuuck"),
    "spaced": ("Well s h i t.", "s h i t"),
    "dotted": ("What the f.u.c.k", "f.u.c.k"),
    "ones-for-ls": ("Absolute bo11ocks.", "bo11ocks"),
    "leet-e": ("Some w4nk3r parked here.", "w4nk3r"),
    "masked-mild": ("Bl**dy marvellous.", "Bl**dy"),
    "hashtag-disguised": ("Deadline day #sh1t", "sh1t"),
}

DEROGATORY = {
    "idiots": ("The idiots at the depot lost it again.", "idiots", "Remove this word"),
    "morons": ("Only morons bid like that.", "morons", "Remove this word"),
    "crooks": ("Their directors are crooks.", "crooks", "Remove this word"),
    "liars": ("The supplier are liars.", "liars", "Remove this word"),
    "scam-artists": ("Scam artists, the lot of them.", "Scam artists", "Remove this word"),
    "cowboy-builders": (
        "Avoid cowboy builders this winter.",
        "cowboy builders",
        "unqualified builders",
    ),
    "cowboys": ("That firm are cowboys.", "cowboys", "Remove this word"),
    "useless-bunch": (
        "What a useless bunch at the helpdesk.",
        "useless bunch",
        "Remove this phrase",
    ),
    "rip-off-merchants": ("Rip-off merchants, the lot.", "Rip-off merchants", "Remove this phrase"),
    "rip-off": ("The old contract was a rip-off.", "rip-off", "poor value"),
    "fraudsters": ("The previous suppliers were fraudsters.", "fraudsters", "Remove this word"),
    "jobsworths": ("Town hall jobsworths blocked it.", "jobsworths", "Remove this word"),
}

NEAR_MISSES = {
    "scunthorpe": "Suppliers from Scunthorpe came to the event.",
    "penistone": "Our Penistone supplier won the award.",
    "assessment": "The assessment panel met on Tuesday.",
    "class": "A first-class service.",
    "classic": "A classic example of social value.",
    "essex": "Colleagues from Essex County Council visited.",
    "middlesex": "Middlesex University shared its research.",
    "sussex": "A framework used in Sussex.",
    "cocktail": "A cocktail of funding sources.",
    "dickens": "A Christmas Carol by Charles Dickens.",
    "therapist": "An occupational therapist joined the panel.",
    "passionate": "A passionate team.",
    "analysis": "Our spend analysis is out.",
    "grape": "Grape juice was served.",
    "shiitake": "Shiitake mushrooms from a Rochdale grower.",
    "shell-hello": "Shell said hello to local suppliers.",
    "hell-alone": "A hell of a lot of bids arrived.",
    "assist-passage": "We assist bidders through every passage of the process.",
    "hancock": "Hancock Ltd won the contract.",
    "title-constitution": "The title of the council constitution changed.",
    "damning": "A damning report on late payment.",
    "dick-whittington": "Dick Whittington is the panto this year.",
    "blue-tits": "Blue tits are nesting in the park.",
    "sod-cutting": "The Mayor cut the first sod on the new school.",
    "pricked": "He pricked his finger on the holly.",
    "arsenal": "Arsenal Women visited the school.",
    "pakistan": "Suppliers from Pakistan and India joined.",
    "snigger": "No need to snigger at the old logo.",
    "cockermouth": "A supplier in Cockermouth.",
    "road-a55": "Roadworks on the A55 and the M60.",
    "grade-a-star": "She got an A* in maths.",
    "footnote-star": "Give blood* today (*terms apply).",
    "tax-form": "Bring your P45 to the induction.",
    "numbers": "A 1:1 session, 24/7 support, £2.5m, ISO 9001 and 4x4 vehicles.",
    "hashtag-number": "We are #1 for social value in 2026.",
    "url": "See https://www.the-chest.org.uk/page#section for details.",
    "hmmm": "Hmmm, not sure about that.",
    "www": "www.star-procurement.gov.uk",
    "initials": "J. R. R. Tolkien",
    "muppets-film": "The Muppets are back at the cinema.",
    "crook-of-arm": "In the crook of her arm.",
    "emphasis": "This is *really* good news.",
    "mention": "Thanks @StockportMBC and @TraffordCouncil.",
    "camel-case-hashtags": "#ScunthorpeSuppliers #ClassAct #EssexCouncil #PenistoneShow",
}


def findings(policy, text, check_id):
    return [f for f in checks.check(text, policy=policy).findings if f.check == check_id]


def only(policy, text, check_id):
    found = findings(policy, text, check_id)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(("text", "match"), SWEARING.values(), ids=SWEARING.keys())
def test_swearing_blocks_the_word(policy, text, match):
    finding = only(policy, text, "offensive.swearing")
    assert finding.text == match
    assert text[finding.start : finding.end] == match
    assert finding.severity is checks.Severity.BLOCK


@pytest.mark.parametrize(("text", "match"), MILD.values(), ids=MILD.keys())
def test_mild_swearing_warns(policy, text, match):
    finding = only(policy, text, "offensive.mild")
    assert finding.text == match
    assert finding.severity is checks.Severity.WARN


@pytest.mark.parametrize(("text", "match"), DISGUISED.values(), ids=DISGUISED.keys())
def test_disguised_swearing_blocks(policy, text, match):
    finding = only(policy, text, "offensive.disguised")
    assert finding.text == match
    assert text[finding.start : finding.end] == match
    assert finding.severity is checks.Severity.BLOCK


@pytest.mark.parametrize(
    ("text", "match", "suggestion"), DEROGATORY.values(), ids=DEROGATORY.keys()
)
def test_derogatory_words_warn_with_a_neutral_fix(policy, text, match, suggestion):
    finding = only(policy, text, "offensive.derogatory")
    assert finding.text == match
    if suggestion.startswith("Remove"):  # the fix button removes it, not types "Remove ..."
        assert (finding.suggestions, finding.replacements) == (("Remove it",), ("",))
    else:
        assert finding.suggestions == (suggestion,)
        assert finding.replacements == (suggestion,)
    assert finding.severity is checks.Severity.WARN


@pytest.mark.parametrize("text", NEAR_MISSES.values(), ids=NEAR_MISSES.keys())
def test_offensive_ignores(found, text):
    assert "offensive" not in found(text)


def test_swearing_suggests_removing_the_word(policy):
    finding = only(policy, "Well, shit.", "offensive.swearing")
    assert finding.suggestions == ("Remove this word",)
    assert "policy line 162" in finding.clause
    assert "Swearing, defamatory or derogatory comments" in finding.clause


def test_every_occurrence_is_flagged(policy):
    text = "Shit, shit and more sh*t."
    assert [f.text for f in findings(policy, text, "offensive.swearing")] == ["Shit", "shit"]
    assert [f.text for f in findings(policy, text, "offensive.disguised")] == ["sh*t"]


def test_emphasis_stars_are_not_a_disguise(policy):
    report = checks.check("This is *shit* news.", policy=policy)
    assert [(f.check, f.text) for f in report.findings if f.rule == "offensive"] == [
        ("offensive.swearing", "shit")
    ]


def write(tmp_path, text):
    path = tmp_path / "admin.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_administrator_adds_a_swear_word_with_its_inflections(tmp_path, policy):
    admin = checks.load_policy(write(tmp_path, '[offensive]\nwords = ["gobshite"]\n'))
    assert [f.text for f in findings(admin, "You gobshites.", "offensive.swearing")] == [
        "gobshites"
    ]
    assert [f.text for f in findings(admin, "A g0bshite.", "offensive.disguised")] == ["g0bshite"]
    assert not findings(policy, "You gobshites.", "offensive.swearing")


def test_administrator_adds_a_mild_word(tmp_path):
    admin = checks.load_policy(write(tmp_path, '[offensive]\nmild = ["=flipping heck"]\n'))
    assert [f.text for f in findings(admin, "Flipping heck!", "offensive.mild")] == [
        "Flipping heck"
    ]


def test_administrator_allows_a_word(tmp_path):
    admin = checks.load_policy(write(tmp_path, '[offensive]\nallow = ["bloody"]\n'))
    assert not findings(admin, "A bloody good event.", "offensive.mild")
    assert not findings(admin, "A bl**dy good event.", "offensive.disguised")


@pytest.mark.parametrize(
    ("rule", "reason"),
    [
        ('test = "sideways"\nfiles = ["offensive.txt"]', "'test' must be"),
        ('test = "words"\nfiles = ["missing.txt"]', "word list 'missing.txt' not found"),
        ('test = "words"\nfiles = ["../policy.toml"]', "not found"),
        ('test = "words"\nfiles = ["offensive.txt"]\ncolour = "red"', "unknown option 'colour'"),
        ('test = "words"', "no words"),
    ],
    ids=["bad-test", "missing-file", "file-outside-words", "unknown-option", "no-words"],
)
def test_bad_offensive_rule_is_refused(tmp_path, rule, reason):
    text = (
        '[[rules]]\nid = "offensive.extra"\nkind = "offensive"\nclause_line = 162\n'
        f'message = "x"\n{rule}\n'
    )
    with pytest.raises(checks.PolicyError, match=reason):
        checks.load_policy(write(tmp_path, text))


def test_offensive_list_must_be_strings(tmp_path):
    with pytest.raises(checks.PolicyError, match="words"):
        checks.load_policy(write(tmp_path, "[offensive]\nwords = [1, 2]\n"))
