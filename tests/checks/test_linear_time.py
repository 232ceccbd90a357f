"""Every family's time grows in proportion to the text, whatever its shape (issue 15).

A check ten times as long may take about ten times as long, never about a hundred: the
property test below generates hostile repeating shapes (dots, hashtags, @ signs,
brackets, emoji, dotted runs without a space ...) and compares a text with one ten times
its size. Each time is the best of three, and the bound is generous (30x for 10x the
text), so a busy machine does not fail it while a quadratic family (100x) does.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import checks

SMALL, LARGE = 2_000, 20_000
HOSTILE = 'a.#@-("+4 /:w\U0001f389_x'


def _best_of_three(text: str, policy: checks.Policy) -> float:
    times = []
    for _ in range(3):
        started = time.perf_counter()
        checks.check(text, policy=policy, platforms=("x", "linkedin", "website"))
        times.append(time.perf_counter() - started)
    return min(times)


def _shape(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


@pytest.mark.slow
@settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.text(alphabet=HOSTILE, min_size=1, max_size=5))
def test_ten_times_the_text_takes_about_ten_times_as_long(policy, unit):
    checks.check(_shape(unit, SMALL), policy=policy)  # the lazy parts are built
    small = _best_of_three(_shape(unit, SMALL), policy)
    large = _best_of_three(_shape(unit, LARGE), policy)
    assert large < 30 * small + 0.05, f"{unit!r}: {small:.3f} s -> {large:.3f} s"


@pytest.mark.parametrize("unit", ["word.", "a.", "www.", "#a", "@", "(", "\U0001f389", "x"])
def test_known_hostile_shapes_of_a_long_post_check_in_time(policy, unit):
    """The shapes that took a minute or more before (3,000 characters: LinkedIn's limit)."""
    text = _shape(unit, 3_000)
    checks.check(text, policy=policy)
    assert _best_of_three(text, policy) < 1.0  # was 60 s for "word."; bench has the figures
