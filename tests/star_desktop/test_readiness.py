"""Readiness for approval: one test per condition, each shown to stand alone."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

import checks
from star_desktop.draft_checks import DraftCheck
from star_desktop.readiness import readiness
from star_desktop.storage import Draft, Image, Override, Person, Status

TODAY = dt.date(2026, 11, 27)
BLOCKED = "Call Sarah on 07700 900123"
CLEAN = "Join us at the Meet the Buyer event in Rochdale."
REASON = "This is our public switchboard line"


def draft(text=CLEAN, **changes):
    ready = Draft(
        id=1, title="", text=text, platforms=("x",), audiences=("bidders",),
        category="upcoming-event", date=None, time=None, status=Status.DRAFT,
        author="Sam Taylor", created="", updated="", version=1, example=False,
    )  # fmt: skip
    return dataclasses.replace(ready, **changes)


def person(trained=TODAY):
    return Person(1, "Sam Taylor", trained)


def override(check="personal-data.phone", text="07700 900123", reason=REASON):
    return Override(1, 1, check, text, reason, "Sam Taylor", "2026-11-27T09:00:00")


def reasons_for(policy, post=None, overrides=(), who=None, images=()):
    post = post or draft()
    report = DraftCheck.of(post).run(policy)
    who = person() if who is None else who
    return readiness(post, report, list(overrides), who, TODAY, images=images).reasons


def test_clean_post_with_every_detail_by_a_trained_author_is_ready(policy):
    assert reasons_for(policy) == ()


def test_each_blocking_finding_is_a_reason_naming_its_rule(policy):
    (reason,) = reasons_for(policy, draft(BLOCKED))
    assert reason.startswith("Blocking (personal-data.phone): \u201807700 900123\u2019")


def test_a_blocking_finding_in_the_title_is_a_reason(policy):
    (reason,) = reasons_for(policy, draft(title="Ring Sarah on 07700 900123"))
    assert reason.startswith("Blocking (personal-data.phone) in the title:")


def test_an_overridden_blocking_finding_no_longer_counts(policy):
    assert reasons_for(policy, draft(BLOCKED), [override()]) == ()


def test_an_override_of_other_text_does_not_count(policy):
    assert reasons_for(policy, draft(BLOCKED), [override(text="0161 496 0000")])


@pytest.mark.parametrize("reason", ["x", "  ", "ok fine", "it is ok"])
def test_an_override_without_a_real_reason_is_a_reason(policy, reason):
    (found,) = reasons_for(policy, draft(BLOCKED), [override(reason=reason)])
    assert "is not enough: a reason must say why in at least 3 words" in found


def test_no_text_is_a_reason(policy):
    assert reasons_for(policy, draft("  \n")) == ("The post has no text yet.",)


def test_no_platform_is_a_reason(policy):
    (reason,) = reasons_for(policy, draft(platforms=()))
    assert reason.startswith("Choose at least one platform")


def test_no_audience_is_a_reason(policy):
    (reason,) = reasons_for(policy, draft(audiences=()))
    assert reason.startswith("Choose at least one audience")


def test_no_category_is_a_reason(policy):
    (reason,) = reasons_for(policy, draft(category=None))
    assert reason.startswith("Choose a content category")


def image(**changes):
    checked = Image(1, 1, "/data/images/abc.jpg", "Buyers talking at stands", "0" * 64, 0,
                    bytes=200_000, no_personal=True, no_security=True, people="none")  # fmt: skip
    return dataclasses.replace(checked, **changes)


def image_reasons(policy, post=None, **changes):
    post = post or draft()
    report = DraftCheck.of(post).run(policy)
    return readiness(
        post, report, [], person(), TODAY, images=[image(**changes)], limits=policy.images
    ).reasons


def test_a_checked_image_with_alt_text_is_ready(policy):
    assert image_reasons(policy) == ()


def test_an_image_without_alt_text_is_a_reason(policy):
    (reason,) = image_reasons(policy, alt="  ")
    assert reason == "Image 1 has no alt text: describe what it shows."


def test_alt_text_over_a_platforms_limit_is_a_reason(policy):
    long_alt = "Buyers and suppliers talking at the stands " * 3  # 128 once trimmed
    assert image_reasons(policy, alt=long_alt) == ()  # X takes 1,000
    (reason,) = image_reasons(policy, draft(platforms=("x", "linkedin")), alt=long_alt)
    assert (
        reason == "Image 1's alt text has 128 characters; LinkedIn takes at most 120: shorten it."
    )


def test_an_image_too_big_for_x_is_a_reason(policy):
    (reason,) = image_reasons(policy, bytes=6_200_000)
    assert reason == "Image 1 is 6.2 MB; X takes at most 5 MB: shrink it."
    assert image_reasons(policy, draft(platforms=("linkedin",)), bytes=6_200_000) == ()


@pytest.mark.parametrize("changes", [{"no_personal": False}, {"no_security": False}])
def test_an_unconfirmed_image_is_a_reason(policy, changes):
    (reason,) = image_reasons(policy, **changes)
    assert reason.startswith("Image 1: confirm it shows no personal information")


def test_an_unanswered_people_question_is_a_reason(policy):
    (reason,) = image_reasons(policy, people="")
    assert reason == "Image 1: say whether anyone can be identified in it."


@pytest.mark.parametrize(("people", "whose"), [("adults", "their"), ("children", "a parent's")])
def test_identifiable_people_need_a_consent_reference(policy, people, whose):
    (reason,) = image_reasons(policy, people=people)
    assert f"record the reference of {whose}" in reason
    assert image_reasons(policy, people=people, consent="CF-2026-114") == ()


def test_no_profile_or_no_training_is_a_reason(policy):
    for who in (person(None),):
        (reason,) = reasons_for(policy, who=who)
        assert "training is not recorded" in reason
    post = draft()
    report = DraftCheck.of(post).run(policy)
    (reason,) = readiness(post, report, [], None, TODAY).reasons
    assert "training is not recorded" in reason


def test_training_in_the_future_is_a_reason(policy):
    (reason,) = reasons_for(policy, who=person(dt.date(2029, 1, 1)))
    assert "is in the future" in reason


def test_training_a_year_old_is_accepted_and_older_is_not(policy):
    assert reasons_for(policy, who=person(TODAY - dt.timedelta(days=365))) == ()
    (reason,) = reasons_for(policy, who=person(TODAY - dt.timedelta(days=366)))
    assert "more than a year old" in reason


def test_title_findings_are_marked_and_offset_in_the_title(policy):
    post = draft(title="Ring Sarah on 07700 900123", text=CLEAN)
    report = DraftCheck.of(post).run(policy)
    (title_finding,) = [f for f in report.findings if f.part == "title"]
    assert post.title[title_finding.start : title_finding.end] == "07700 900123"
    assert report.text == CLEAN
    assert title_finding.to_dict()["part"] == "title"


def test_an_empty_title_adds_nothing(policy):
    post = draft(text=BLOCKED)
    with_title = DraftCheck.of(post).run(policy)
    plain = checks.check(BLOCKED, platforms=("x",), audiences=("bidders",), policy=policy)
    assert with_title.findings == plain.findings
