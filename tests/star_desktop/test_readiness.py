"""Readiness for approval: blocking findings, reasons for ignored findings, training."""

from __future__ import annotations

import datetime as dt

import checks
from star_desktop.readiness import readiness
from star_desktop.storage import Override, Person

TODAY = dt.date(2026, 11, 27)
BLOCKED = "Call Sarah on 07700 900123"
CLEAN = "Join us at the Meet the Buyer event in Rochdale."


def person(trained):
    return Person(1, "Sam Taylor", trained)


def override(check="personal-data.phone", text="07700 900123", reason="Public line"):
    return Override(1, 1, check, text, reason, "Sam Taylor", "2026-11-27T09:00:00")


def test_clean_post_by_a_trained_author_is_ready(policy):
    result = readiness(checks.check(CLEAN, policy=policy), [], person(TODAY), TODAY)
    assert result.ready
    assert result.reasons == ()


def test_blocking_finding_is_a_reason(policy):
    result = readiness(checks.check(BLOCKED, policy=policy), [], person(TODAY), TODAY)
    assert result.reasons == ("1 blocking issue remains: fix or remove it first.",)


def test_an_overridden_blocking_finding_no_longer_counts(policy):
    report = checks.check(BLOCKED, policy=policy)
    assert readiness(report, [override()], person(TODAY), TODAY).ready


def test_an_override_of_other_text_does_not_count(policy):
    report = checks.check(BLOCKED, policy=policy)
    assert not readiness(report, [override(text="0161 496 0000")], person(TODAY), TODAY).ready


def test_an_override_without_a_reason_is_a_reason(policy):
    report = checks.check(BLOCKED, policy=policy)
    result = readiness(report, [override(reason="  ")], person(TODAY), TODAY)
    assert any("no reason recorded" in r for r in result.reasons)


def test_no_profile_or_no_training_is_a_reason(policy):
    report = checks.check(CLEAN, policy=policy)
    for who in (None, person(None)):
        (reason,) = readiness(report, [], who, TODAY).reasons
        assert "training is not recorded" in reason


def test_training_a_year_old_is_accepted_and_older_is_not(policy):
    report = checks.check(CLEAN, policy=policy)
    assert readiness(report, [], person(TODAY - dt.timedelta(days=365)), TODAY).ready
    (reason,) = readiness(report, [], person(TODAY - dt.timedelta(days=366)), TODAY).reasons
    assert "more than a year old" in reason


def test_images_without_alt_text_are_a_reason(policy):
    report = checks.check(CLEAN, policy=policy)
    (reason,) = readiness(report, [], person(TODAY), TODAY, images_without_alt=2).reasons
    assert reason == "2 images without alt text."
