"""Texts the benchmarks check: a 280-character post and a 10,000-word article."""

from __future__ import annotations

import itertools

POST = (
    "Going forward, join our bidders' briefing on the ITT for school catering on 14 January "
    "at Stockport Town Hall. Questions? Call Sarah on 07700 900123 or email "
    "sarah.jones@example.com. Great bid from Acme Ltd already, they deserve to win it, really! "
    "#socialvalue #meetthebuyer #sme"
)

PARAGRAPHS = [
    "STAR Procurement buys goods and services for Stockport, Trafford and Rochdale councils. "
    "Every year we spend hundreds of millions of pounds with suppliers, and we want more of that "
    "money to stay in Greater Manchester. That is why we publish every opportunity on The Chest, "
    "the free portal where local firms can register and find work.",
    "Our social value team worked with the new grounds maintenance contractor to create twelve "
    "apprenticeships for young people in Rochdale. The apprentices will learn horticulture, "
    "machinery maintenance and health and safety over two years, and three of them have already "
    "passed their first qualification.",
    "Small businesses often tell us that bidding for council work looks complicated. It does not "
    "have to be. Read the specification carefully, answer every question, and ask a clarification "
    "question through the portal if anything is unclear. Our guide explains each step in plain "
    "English.",
    "Last month we met more than two hundred suppliers at our Meet the Buyer event in Trafford. "
    "Buyers from all three councils talked about their plans for the coming year, and local "
    "charities and social enterprises told us what would help them bid.",
    "Going forward we will leverage our synergies to deliver robust outcomes for stakeholders. "
    "In my opinion the old framework was a waste of time, and frankly the supplier was useless.",
    "Voluntary, community and social enterprise organisations (VCSEs) deliver many of the services "
    "residents rely on. We have simplified our quotation documents so that a small organisation "
    "can respond in an afternoon rather than a week.",
    "If you have a question about an opportunity, email procurement@star-procurement.gov.uk and "
    "the buyer named in the advert will reply within two working days.",
    "The team celebrated ten years of shared procurement this spring. Colleagues who joined when "
    "STAR began shared what has changed: more local suppliers, more apprenticeships and more "
    "money spent with small firms in the three boroughs.",
]


def article(words: int = 10_000) -> str:
    """Paragraphs repeated until the text has ``words`` words, cut at a word."""
    out: list[str] = []
    count = 0
    for paragraph in itertools.cycle(PARAGRAPHS):
        for word in paragraph.split():
            out.append(word)
            count += 1
            if count == words:
                return " ".join(out)
        out[-1] += "\n\n"
    raise AssertionError("unreachable")


def unseen_article(run: int, words: int = 10_000) -> str:
    """`article` with every paragraph marked by ``run`` and its number, so that no paragraph
    has been seen before: caches keyed by paragraph (grammar's) start cold."""
    parts = article(words).split("\n\n")
    return "\n\n".join(f"Run {run}, part {i}. {p}" for i, p in enumerate(parts))
