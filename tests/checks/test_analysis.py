"""The shared analysis of a post: its cues, its tenders' stages, made once per check."""

from __future__ import annotations

import datetime as dt

import pytest

import checks
from checks.analysis import CACHE_KEY, Analysis
from checks.families.situations import Situations
from checks.rules import Context, PolicyError
from checks.text import Document


@pytest.fixture(scope="module")
def analyse(admin_policy):
    situations = next(c for c in admin_policy.checkers if isinstance(c, Situations))

    def run(text: str) -> Analysis:
        doc = Document(text)
        ctx = Context(doc, admin_policy.lexicon.scan(doc), dt.date(2026, 12, 1))
        return situations.analyser.analyse(ctx)

    return run


def texts(seen: Analysis, cue: str) -> list[str]:
    return [seen.doc.text[start:end] for start, end in seen.spans(cue)]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("The bridges job pulled in nine!", "nine"),
        ("Down to the final two on the lighting job.", "two"),
        ("Seven local bids came in by Friday.", "Seven"),
        ("Five became three today.", "three"),
    ],
)
def test_a_count_of_bidders_is_a_number_with_a_unit_or_a_lead(analyse, text, count):
    assert texts(analyse(text), "count") == [count]


@pytest.mark.parametrize(
    "text",
    [
        "Deadline 26 January, 12 noon. Local firms welcome.",
        "The last two weeks were busy.",
        "One of those days.",
    ],
)
def test_dates_times_and_spans_of_time_are_not_counts(analyse, text):
    assert texts(analyse(text), "count") == []


def test_a_tender_mention_is_a_named_thing_bid_for(analyse):
    seen = analyse("Scoring on the Trafford gritting contract starts Monday; the contract is big.")
    assert texts(seen, "tender") == ["the Trafford gritting contract"]


def test_a_registered_tender_is_a_tender_mention(analyse):
    seen = analyse("Update on STAR-2026-041 today.")
    assert texts(seen, "tender") == ["STAR-2026-041"]
    assert [t.registered for t in seen.tenders] == [True]


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("Scoring on the Trafford gritting contract starts Monday.", "evaluation"),
        ("Down to the last two on the street lighting job.", "shortlisting"),
        ("The Stockport print contract was awarded to Irwell Valley Print.", "awarded"),
        ("Pennant Schoolwear won the uniform recycling contract in 2025.", "awarded"),
        ("The Home Care Dynamic Purchasing System went well.", "awarded"),
        ("We love the Stockport print contract.", "unstated"),
    ],
)
def test_each_tender_mention_has_the_stage_its_post_gives_it(analyse, text, stage):
    assert [t.stage for t in analyse(text).tenders] == [stage]


def test_a_sentence_stage_wins_over_the_post_stage(analyse):
    seen = analyse(
        "The parks contract was awarded in May. Evaluation of the gritting contract starts."
    )
    assert [t.stage for t in seen.tenders] == ["awarded", "evaluation"]


@pytest.mark.parametrize(
    ("text", "firm"),
    [
        ("Lovely to see Kestrel Civils at the expo.", "Kestrel Civils"),
        ("@GreenPathFM thanks for the call.", "@GreenPathFM"),
        ("Northway Surfacing were there.", "Northway Surfacing"),
        ("One firm forgot to sign.", "One firm"),
    ],
)
def test_organisations_are_named_firms_handles_live_bidders_and_references(analyse, text, firm):
    assert firm in texts(analyse(text), "organisation")


def test_a_public_body_handle_is_no_firm(analyse):
    assert texts(analyse("RT @RochdaleCouncil: our new youth centre"), "organisation") == []


def test_upcoming_times_are_found_and_past_ones_are_not(analyse):
    seen = analyse("See you Thursday 10 December at 2pm. Last Monday was busy.")
    assert texts(seen, "when") == ["Thursday", "10 December", "2pm"]


def test_money_is_a_sum_or_a_percentage(analyse):
    assert texts(analyse("About £2.1m, or 18% over."), "money") == ["£2.1m", "18%"]


def test_every_named_vocabulary_is_a_cue(analyse):
    assert texts(analyse("Really hoping they win."), "hope") == ["hoping"]


def test_the_post_is_analysed_once_however_many_rules_read_it(admin_policy, monkeypatch):
    made = []
    original = Analysis.__init__

    def counting(self, analyser, ctx):
        made.append(ctx.doc.text)
        original(self, analyser, ctx)

    monkeypatch.setattr(Analysis, "__init__", counting)
    text = "Down to the final two on the lighting job, and we're hoping Kestrel Civils win it."
    report = checks.check(text, policy=admin_policy, date=dt.date(2026, 12, 1))
    assert {f.check for f in report.findings} >= {"tender-detail.progress", "bidder-favour.stance"}
    assert made == [text]


def test_the_analysis_is_kept_in_the_check_context(analyse):
    seen = analyse("Down to the final two.")
    assert seen.ctx.cache[CACHE_KEY] is seen


def test_a_situation_rule_with_an_unknown_cue_is_refused(tmp_path):
    path = tmp_path / "policy.toml"
    path.write_text(
        '[[rules]]\nid = "tender-detail.mine"\nkind = "situation"\nclause_line = 153\n'
        'message = "m"\nmark = "count"\nwith = ["tendr"]\n'
        '[rules.examples]\nfail = ["x"]\npass = ["y"]\n',
        encoding="utf-8",
    )
    with pytest.raises(PolicyError, match="unknown cue 'tendr'"):
        checks.load_policy(path)


def test_a_situation_finding_says_what_it_saw_and_cites_its_clause(admin_policy):
    text = "The bridges job pulled in nine!"
    report = checks.check(text, policy=admin_policy, date=dt.date(2026, 12, 1))
    (finding,) = [f for f in report.findings if f.check == "tender-detail.count"]
    assert finding.text == "The bridges job pulled in nine"
    assert "how many are bidding for The bridges job" in finding.message
    assert "tender" in finding.clause.lower()


def learned_severity(policy, text: str) -> str:
    report = checks.check(text, policy=policy, date=dt.date(2026, 12, 1))
    (finding,) = [f for f in report.findings if f.check == "tender-detail.learned"]
    return finding.severity.value


def test_a_live_tender_backs_a_classifier_hit(admin_policy):
    text = "Highways Maintenance Framework update: the panel meets next week to decide."
    assert learned_severity(admin_policy, text) == "block"


def test_a_live_tender_beside_what_is_public_by_design_backs_nothing(admin_policy):
    text = "School Catering Contract: the outcome will be published on The Chest once the decision is final."
    assert learned_severity(admin_policy, text) == "warn"


@pytest.fixture(scope="module")
def custom_policy(tmp_path_factory):
    path = tmp_path_factory.mktemp("policy") / "custom.toml"
    path.write_text(
        '[[rules]]\nid = "political.situation-test"\nkind = "situation"\nclause_line = 153\n'
        'message = "m"\nmark = "count"\nwith = ["tender"]\nunless_in_post = ["stage_awarded"]\n'
        '[rules.examples]\nfail = ["x"]\npass = ["y"]\n',
        encoding="utf-8",
    )
    return checks.load_policy(path)


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Nine firms bid for the parks contract.", True),
        ("Nine firms bid for the parks contract. It was awarded in May.", False),
    ],
)
def test_unless_in_post_clears_a_situation_anywhere_in_the_post(custom_policy, text, flagged):
    report = checks.check(text, policy=custom_policy, date=dt.date(2026, 12, 1))
    assert any(f.check == "political.situation-test" for f in report.findings) is flagged
