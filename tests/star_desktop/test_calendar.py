"""Month summaries for the calendar pane, without Qt."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlite_utils import Database

import checks
from star_desktop.calendar import (
    MIX_GROUPS,
    add_months,
    check_period,
    clear_caches,
    count_mentions,
    election_period,
    month_end,
    summarise_month,
)
from star_desktop.storage import Status, Store

MARCH = dt.date(2027, 3, 1)


@pytest.fixture
def store():
    with Store(Database(memory=True)) as store:
        yield store


@pytest.fixture(scope="module")
def election_policy(tmp_path_factory) -> checks.Policy:
    path = tmp_path_factory.mktemp("policy") / "central.toml"
    path.write_text(
        "[election]\nperiod_start = 2027-03-25\nperiod_end = 2027-05-06\n"
        'councillors = ["Cllr Margaret Ashworth"]\n',
        encoding="utf-8",
    )
    return checks.load_policy(path)


def post(store: Store, day: int, category: str | None, *, text: str = "News.", **kw):
    return store.create_draft(
        kw.pop("title", f"Post on {day}"),
        text,
        date=MARCH.replace(day=day),
        category=category,
        **kw,
    )


def test_mix_counts_each_group_and_its_share(store, policy):
    post(store, 2, "good-news-star")
    post(store, 3, "contract-award")
    post(store, 4, "chest-opportunity")
    post(store, 5, "useful-content")
    summary = summarise_month(store, 2027, 3, policy)
    assert [m.group for m in summary.mix] == list(MIX_GROUPS)
    assert [m.count for m in summary.mix] == [2, 1, 1]
    assert [m.share for m in summary.mix] == [0.5, 0.25, 0.25]


def test_mix_leaves_out_rejected_and_counts_uncategorised(store, policy):
    post(store, 2, "good-news-star", status=Status.REJECTED)
    post(store, 3, None)
    post(store, 4, "public-domain")
    summary = summarise_month(store, 2027, 3, policy)
    assert [m.count for m in summary.mix] == [0, 0, 1]
    assert summary.uncategorised == 1
    assert len(summary.drafts) == 3
    assert len(summary.counted) == 2


def test_empty_month_has_zero_shares_and_every_week_a_gap(store, policy):
    summary = summarise_month(store, 2027, 3, policy)
    assert all(m.share == 0 for m in summary.mix)
    assert summary.drafts == ()
    assert summary.gaps[0] == (dt.date(2027, 3, 1), dt.date(2027, 3, 7))
    assert summary.gaps[-1] == (dt.date(2027, 3, 29), dt.date(2027, 3, 31))
    assert len(summary.gaps) == 5


def test_gaps_are_weeks_without_a_post(store, policy):
    post(store, 3, "good-news-star")  # week of 1 March
    post(store, 17, "good-news-star")  # week of 15 March
    post(store, 9, "good-news-star", status=Status.REJECTED)  # does not fill its week
    summary = summarise_month(store, 2027, 3, policy)
    assert [start.day for start, _ in summary.gaps] == [8, 22, 29]
    assert summary.days_with_posts() == {MARCH.replace(day=3), MARCH.replace(day=17)}


def test_mentions_count_whole_words_and_possessives_in_title_and_text(store, policy):
    post(
        store,
        2,
        "good-news-councils",
        title="Stockport award",
        text="Stockport's team and TRAFFORD; Stockportian is not a council. Rochdale-based firm.",
    )
    post(store, 3, "good-news-councils", text="Trafford Council thanks everyone.")
    summary = summarise_month(store, 2027, 3, policy)
    assert dict(summary.mentions) == {"Stockport": 2, "Trafford": 2, "Rochdale": 1}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Rochdale’s suppliers", 1, id="curly-possessive"),
        pytest.param("#Rochdale", 1, id="hashtag"),
        pytest.param("Rochdales", 0, id="plural-is-another-word"),
        pytest.param("NotRochdale", 0, id="inside-a-word"),
    ],
)
def test_count_mentions_edges(text, expected):
    assert count_mentions([text], ["Rochdale"]) == {"Rochdale": expected}


def test_platform_progress_against_the_months_targets(store, policy):
    store.set_month("2027-03", "Meet the Buyer", targets={"x": 4, "linkedin": 2})
    post(store, 2, "upcoming-event", platforms=("x", "linkedin"))
    post(store, 3, "upcoming-event", platforms=("x",), status=Status.PUBLISHED)
    summary = summarise_month(store, 2027, 3, policy)
    progress = {p.platform: (p.planned, p.published, p.target) for p in summary.platforms}
    assert progress == {"x": (2, 1, 4), "linkedin": (1, 0, 2)}
    assert summary.theme == "Meet the Buyer"


def test_platform_without_target_still_shows_its_posts(store, policy):
    post(store, 2, "upcoming-event", platforms=("website",))
    summary = summarise_month(store, 2027, 3, policy)
    assert [(p.platform, p.planned, p.target) for p in summary.platforms] == [("website", 1, None)]


def test_only_the_months_drafts_and_events_are_read(store, policy):
    post(store, 31, "good-news-star")
    store.create_draft("April", date=dt.date(2027, 4, 1))
    store.create_draft("Undated")
    store.add_event("Meet the Buyer", dt.date(2027, 3, 20))
    store.add_event("Forum", dt.date(2027, 4, 2))
    summary = summarise_month(store, 2027, 3, policy)
    assert [d.title for d in summary.drafts] == ["Post on 31"]
    assert [e.title for e in summary.events] == ["Meet the Buyer"]


def test_no_election_period_in_the_shipped_policy(store, policy):
    assert election_period(policy) is None
    assert not summarise_month(store, 2027, 3, policy).in_election(dt.date(2027, 3, 30))


def test_election_period_days_and_rules_apply_inside_it(store, election_policy):
    inside = post(store, 26, "good-news-councils", text="Cllr Margaret Ashworth opened it.")
    post(store, 24, "good-news-councils", text="Cllr Margaret Ashworth opened it.")
    summary = summarise_month(store, 2027, 3, election_policy)
    assert summary.in_election(dt.date(2027, 3, 25))
    assert not summary.in_election(dt.date(2027, 3, 24))
    assert [(f.draft_id, f.check) for f in summary.period_findings] == [
        (inside.id, "political.pre-election")
    ]
    assert summary.findings_for(inside.id)[0].text == "Cllr Margaret Ashworth"


def test_without_checking_the_period_is_left_for_a_worker(store, election_policy):
    inside = post(store, 26, "good-news-councils", text="Cllr Margaret Ashworth opened it.")
    clear_caches()
    summary = summarise_month(store, 2027, 3, election_policy, check=False)
    assert summary.period_findings == ()
    assert [(i, day) for i, _, day in summary.unchecked] == [(inside.id, dt.date(2027, 3, 26))]
    check_period(election_policy, summary.unchecked)  # what the window's worker does
    again = summarise_month(store, 2027, 3, election_policy, check=False)
    assert (again.unchecked, [f.draft_id for f in again.period_findings]) == ((), [inside.id])


def test_month_arithmetic():
    assert add_months(dt.date(2027, 12, 15), 1) == dt.date(2028, 1, 1)
    assert add_months(dt.date(2027, 1, 31), -1) == dt.date(2026, 12, 1)
    assert month_end(dt.date(2028, 2, 3)) == dt.date(2028, 2, 29)


def test_every_category_has_a_short_name():
    from star_desktop.calendar import CATEGORY_SHORT
    from star_desktop.storage import CATEGORY_NAMES

    assert set(CATEGORY_SHORT) == set(CATEGORY_NAMES)
