"""Calendar benchmark: summarising a month (mix, mentions, targets, gaps, election findings).

The calendar pane calls `summarise_month` on every refresh (open, change of month, drop), so
it must stay well under a frame budget for a busy month. Run alone with
``python -m bench.calendar [--quick]``.
"""

from __future__ import annotations

import datetime as dt
import functools
import sys
import tempfile
from pathlib import Path

import checks
from bench.timing import Row, median_ms
from star_desktop.calendar import clear_caches, summarise_month
from star_desktop.storage import CATEGORY_NAMES, Store

MONTH = dt.date(2027, 4, 1)
TEXT = (
    "Thanks to everyone at Stockport, Trafford and Rochdale who came to Meet the Buyer. "
    "New opportunities for local suppliers are live on The Chest: register for free."
)


def _fill(store: Store, count: int) -> None:
    for n in range(count):
        store.create_draft(
            f"Post {n} for Rochdale's suppliers",
            TEXT if n % 10 else "Cllr Margaret Ashworth opened the new depot.",
            platforms=("x", "linkedin") if n % 3 else ("website",),
            category=CATEGORY_NAMES[n % len(CATEGORY_NAMES)],
            date=MONTH.replace(day=n % 30 + 1),
            time=dt.time(9 + n % 8, 0),
        )
    store.set_month(f"{MONTH:%Y-%m}", "Meet the Buyer", targets={"x": 12, "linkedin": 4})


def _summarise(store: Store, policy: checks.Policy, cold: bool) -> None:
    if cold:
        clear_caches()
    summarise_month(store, MONTH.year, MONTH.month, policy)


def run(quick: bool) -> list[Row]:
    """Median time to summarise a month of 40 and of 400 posts, with and without an election."""
    repeat = 5 if quick else 20
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as folder:
        central = Path(folder) / "central.toml"
        central.write_text(
            "[election]\nperiod_start = 2027-04-01\nperiod_end = 2027-05-06\n"
            'councillors = ["Cllr Margaret Ashworth"]\n',
            encoding="utf-8",
        )
        plain, election = checks.load_policy(), checks.load_policy(central)
        for count in (40, 400):
            with Store(Path(folder) / f"bench-{count}.db") as store:
                _fill(store, count)
                cases = (
                    ("no election", plain, False, 8 if count == 40 else 40),
                    ("whole month pre-election, warm", election, False, 8 if count == 40 else 40),
                    ("whole month pre-election, cold", election, True, 30 if count == 40 else 300),
                )
                for label, policy, cold, target in cases:
                    summarise = functools.partial(_summarise, store, policy, cold)
                    ms = median_ms(summarise, repeat)
                    rows.append(
                        (f"calendar: summarise {count} posts, {label}", ms, f"target < {target} ms")
                    )
    return rows


if __name__ == "__main__":
    for label, ms, note in run("--quick" in sys.argv):
        print(f"{label:<60} {ms:8.2f} ms  {note}")
