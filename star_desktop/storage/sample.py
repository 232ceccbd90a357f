# SPDX-License-Identifier: MIT
"""The first-run sample: twelve monthly themes from the strategy and example drafts."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from star_desktop.storage.store import Store

# Sample posting targets per month; the strategy asks for standard targets but sets none.
TARGETS = {"x": 12, "linkedin": 4, "website": 2}

# (theme, focus): each traces to a line of the strategy (Appendix A or the 2017-18 plan).
THEMES: tuple[tuple[str, str], ...] = (
    ("Who we are", "Internal good news: what's going on in the team; giving STAR a human face."),
    ("Opportunities on The Chest", "Self-promotion: current opportunities on The Chest."),
    ("Social value", "Good news stories arising from contract award, such as social value."),
    ("Meet the Buyer", "Upcoming events: meet the buyer and business forum meetings."),
    (
        "SMEs, micro-businesses and VCSEs",
        "Reaching SMEs, micro-businesses and VCSEs, the suppliers STAR particularly targets.",
    ),
    (
        "Local suppliers",
        "Suppliers local to the three STAR council boroughs: Stockport, Trafford and Rochdale.",
    ),
    ("Our expertise", "Personal expertise and professional experience within the STAR team."),
    (
        "Good news from our councils",
        "Good news stories about the STAR councils and partner organisations.",
    ),
    ("Contract awards", "Good news stories arising from contract award."),
    ("How we buy", "Self-promotion: our policies and procedures, explained in plain English."),
    (
        "Procurement in the news",
        "Topical stories on procurement and local government spend, from the public domain.",
    ),
    (
        "Listening to our audience",
        "Surveys and feedback across our platforms, to understand our audience better.",
    ),
)

EXAMPLES: tuple[tuple[str, str, str, tuple[str, ...], int], ...] = (
    (
        "Example: new opportunities on The Chest",
        "New opportunities for local suppliers are now live on The Chest. Register for free "
        "to see them and get alerts for future contracts.",
        "chest-opportunity",
        ("x", "linkedin"),
        3,
    ),
    (
        "Example: welcome to the team",
        "A warm welcome to the three new members of our category team, who join us this "
        "month from across Stockport, Trafford and Rochdale.",
        "good-news-star",
        ("x",),
        10,
    ),
    (
        "Example: Meet the Buyer",
        "Small business or charity? Come and meet the buyers of all three STAR councils at "
        "our next Meet the Buyer event. Booking opens soon on our website.",
        "upcoming-event",
        ("x", "linkedin", "website"),
        17,
    ),
)


def first_month(today: dt.date) -> dt.date:
    """The April that starts the council year containing ``today``."""
    return dt.date(today.year if today.month >= 4 else today.year - 1, 4, 1)


def fill_sample(store: Store, today: dt.date) -> None:
    """Fill the twelve months of the council year with themes, and add example drafts.

    Everything added is marked as an example (``example`` is true, titles start
    with "Example:"), so the calendar can show it as such and the user can delete it.
    """
    start = first_month(today)
    for offset, (theme, focus) in enumerate(THEMES):
        year, month = divmod(start.month - 1 + offset, 12)
        store.set_month(
            f"{start.year + year:04d}-{month + 1:02d}",
            theme,
            focus=focus,
            targets=TARGETS,
            example=True,
        )
    month_start = today.replace(day=1)
    for title, text, category, platforms, day in EXAMPLES:
        store.create_draft(
            title,
            text,
            platforms=platforms,
            audiences=("bidders",),
            category=category,
            date=month_start.replace(day=day),
            time=dt.time(10, 0),
            example=True,
        )
    meet = month_start.replace(day=28)
    store.add_event(
        "Example: Meet the Buyer",
        meet,
        kind="meet-the-buyer",
        location="Stockport Town Hall",
        notes="An example event: edit or delete it.",
        example=True,
    )
