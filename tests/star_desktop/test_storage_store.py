"""The Store: drafts, revisions, listing, search, the side tables and two instances at once."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlite_utils import Database

from star_desktop.storage import (
    ConflictError,
    InvalidValueError,
    Status,
    Store,
    UnknownDraftError,
)
from star_desktop.storage.revisions import SNAPSHOT_EVERY


@pytest.fixture
def store():
    with Store(Database(memory=True)) as fresh:
        yield fresh


def test_new_draft_starts_at_version_1_with_its_details(store):
    draft = store.create_draft(
        "Chest news", "New tenders on The Chest.", platforms=["x", "linkedin"],
        audiences=["bidders"], category="chest-opportunity", date=dt.date(2027, 1, 14),
        time=dt.time(9, 30), author="Asha Patel",
    )  # fmt: skip
    assert store.get(draft.id) == draft
    assert (draft.version, draft.status, draft.author) == (1, Status.DRAFT, "Asha Patel")
    assert draft.platforms == ("x", "linkedin")
    assert draft.to_dict()["date"] == "2027-01-14"
    assert draft.to_dict()["time"] == "09:30"


@pytest.mark.parametrize(
    "kwargs",
    [{"category": "gossip"}, {"platforms": ["facebook"]}, {"audiences": ["voters"]},
     {"status": "lost"}],
    ids=["category", "platform", "audience", "status"],
)  # fmt: skip
def test_unknown_values_are_refused(store, kwargs):
    with pytest.raises(InvalidValueError):
        store.create_draft("Title", **kwargs)
    assert store.count_drafts() == 0


def test_unknown_id_raises_unknown_draft(store):
    with pytest.raises(UnknownDraftError, match="no draft with id 99"):
        store.get(99)
    with pytest.raises(UnknownDraftError):
        store.save_text(99, "text", version=1)


def test_saving_text_bumps_version_and_keeps_every_revision(store):
    draft = store.create_draft("Title", "one")
    texts = ["one", "one two", "one two three", "zero one two three", "zero three"]
    version = draft.version
    for text in texts[1:]:
        version = store.save_text(draft.id, text, version=version)
    assert version == 5
    assert [r.text for r in store.revisions(draft.id)] == texts
    assert [r.version for r in store.revisions(draft.id)] == [1, 2, 3, 4, 5]


def test_saving_the_same_text_changes_nothing(store):
    draft = store.create_draft("Title", "same")
    assert store.save_text(draft.id, "same", version=1) == 1
    assert len(store.revisions(draft.id)) == 1


def test_revisions_store_only_the_change_between_snapshots(store):
    text = "A long post about the new framework. " * 50
    draft = store.create_draft("Title", text)
    version = 1
    for i in range(SNAPSHOT_EVERY + 5):
        text = text[:100] + str(i) + text[100:]
        version = store.save_text(draft.id, text, version=version)
    rows = store.db.execute(
        "SELECT full, length(body) FROM revisions WHERE draft_id = ? ORDER BY version", [draft.id]
    ).fetchall()
    assert sum(full for full, _ in rows) == 2  # the first and one periodic snapshot
    assert max(size for full, size in rows if not full) <= 2
    assert store.revisions(draft.id)[-1].text == text == store.get(draft.id).text


def test_update_changes_details_and_none_clears(store):
    draft = store.create_draft("Title", date=dt.date(2027, 1, 5), category="good-news-star")
    updated = store.update(draft.id, date=None, category="contract-award")
    assert (updated.date, updated.category) == (None, "contract-award")
    assert updated.version == 2
    assert updated.title == "Title"


def test_set_status_records_the_transition_and_it_outlives_the_draft(store):
    draft = store.create_draft("Title", "text")
    moved = store.set_status(draft.id, "submitted", version=1, action="submit", person="Sam")
    assert (moved.status, moved.version) == ("submitted", 2)
    store.delete_draft(draft.id, person="Sam")
    (submit, delete) = store.transitions(draft.id)
    assert (submit.action, submit.from_status, submit.to_status, submit.person) == (
        "submit", "draft", "submitted", "Sam",
    )  # fmt: skip
    assert (delete.action, delete.from_status) == ("delete", "submitted")


def test_list_leaves_archived_drafts_out_unless_asked(store):
    kept = store.create_draft("kept")
    gone = store.create_draft("gone")
    store.set_status(gone.id, "archived", version=1, action="archive")
    assert [d.id for d in store.list_drafts()] == [kept.id]
    assert [d.id for d in store.list_drafts(archived=True)] == [kept.id, gone.id]
    assert [d.id for d in store.list_drafts(status="archived")] == [gone.id]


def test_stale_version_is_a_conflict_with_both_texts(tmp_path):
    path = tmp_path / "shared.db"
    first, second = Store(path), Store(path)  # two app instances on one database
    draft = first.create_draft("Title", "original")
    mine = second.get(draft.id)
    first.save_text(draft.id, "their edit", version=draft.version)
    with pytest.raises(ConflictError) as caught:
        second.save_text(mine.id, "my edit", version=mine.version)
    error = caught.value
    assert (error.expected_version, error.current_version) == (1, 2)
    assert (error.current_text, error.attempted_text) == ("their edit", "my edit")
    assert second.get(draft.id).text == "their edit"  # nothing lost, nothing overwritten
    with pytest.raises(ConflictError):
        second.set_status(draft.id, "submitted", version=1, action="submit")
    first.close()
    second.close()


def test_list_month_is_in_calendar_order_and_filters_status(store):
    make = store.create_draft
    make("late", date=dt.date(2027, 2, 20), time=dt.time(9))
    make("early", date=dt.date(2027, 2, 3), time=dt.time(15))
    make("same day earlier", date=dt.date(2027, 2, 20), time=dt.time(8))
    make("next month", date=dt.date(2027, 3, 1))
    make("last month", date=dt.date(2027, 1, 31))
    make("submitted", date=dt.date(2027, 2, 10), status="submitted")
    titles = [d.title for d in store.list_drafts(month="2027-02")]
    assert titles == ["early", "submitted", "same day earlier", "late"]
    assert [d.title for d in store.list_drafts(month="2027-02", status="submitted")] == [
        "submitted"
    ]
    with pytest.raises(InvalidValueError):
        store.list_drafts(month="2027-13")


def test_december_listing_stops_at_the_new_year(store):
    store.create_draft("december", date=dt.date(2027, 12, 31))
    store.create_draft("january", date=dt.date(2028, 1, 1))
    assert [d.title for d in store.list_drafts(month="2027-12")] == ["december"]


def test_search_finds_by_stem_and_ranks_title_matches_first(store):
    store.create_draft("Team news", "Our buyers met local suppliers at the event.")
    store.create_draft("Meet the Buyer", "Book your place.")
    store.create_draft("Unrelated", "Nothing to see.")
    found = [d.title for d in store.list_drafts(search="buyer")]
    assert found == ["Meet the Buyer", "Team news"]
    assert store.list_drafts(search="  ") == []
    assert store.list_drafts(search='"NEAR(*') == []  # FTS5 syntax is taken as words


def test_search_follows_edits_and_deletes(store):
    draft = store.create_draft("Post", "Highways framework awarded")
    assert store.list_drafts(search="highways")
    store.save_text(draft.id, "Parks contract awarded", version=1)
    assert not store.list_drafts(search="highways")
    assert [d.id for d in store.list_drafts(search="parks")] == [draft.id]
    store.update(draft.id, title="Gardens")
    assert store.list_drafts(search="gardens")
    store.delete_draft(draft.id)
    assert not store.list_drafts(search="parks")


def test_search_combines_with_month_and_status(store):
    store.create_draft("Award one", date=dt.date(2027, 5, 2), status="approved")
    store.create_draft("Award two", date=dt.date(2027, 5, 3))
    store.create_draft("Award three", date=dt.date(2027, 6, 3), status="approved")
    found = store.list_drafts(search="award", month="2027-05", status="approved")
    assert [d.title for d in found] == ["Award one"]


def test_deleting_a_draft_removes_what_hangs_off_it(store):
    draft = store.create_draft("Title", "text")
    store.add_override(draft.id, "jargon.govuk", "going forward", "Quoting a minister", "Asha")
    store.add_image(draft.id, "photo.jpg", "ab" * 32, alt="Team photo")
    store.add_approval(draft.id, "approve", "Manager", "cd" * 32)
    store.delete_draft(draft.id)
    for table in ("revisions", "overrides", "images", "approvals"):
        assert store.db.table(table).count == 0


def test_override_needs_a_reason(store):
    draft = store.create_draft("Title")
    with pytest.raises(InvalidValueError, match="reason"):
        store.add_override(draft.id, "acronym", "SME", "  ", "Asha")
    override = store.add_override(draft.id, "acronym", "SME", "Spelled out in the image", "Asha")
    assert store.overrides(draft.id) == [override]


def test_people_months_events_images_and_approvals_round_trip(store):
    store.set_person("Asha Patel")
    person = store.set_person("Asha Patel", dp_training=dt.date(2026, 9, 1))
    assert person.dp_training == dt.date(2026, 9, 1)
    assert [p.name for p in store.people()] == ["Asha Patel"]
    month = store.set_month("2027-07", "Meet the Buyer", targets={"x": 10, "linkedin": 3})
    assert store.months("2027-07", "2027-07") == [month]
    assert month.targets == {"x": 10, "linkedin": 3}
    store.set_month("2027-07", "Social value", targets={"website": 1})
    assert store.months()[0].targets == {"website": 1}
    event = store.add_event("Meet the Buyer", dt.date(2027, 7, 9), kind="meet-the-buyer")
    assert store.events(dt.date(2027, 7, 1), dt.date(2027, 7, 31)) == [event]
    draft = store.create_draft("Title")
    images = [store.add_image(draft.id, f"{n}.png", "00" * 32, alt=n) for n in ("a", "b")]
    assert [i.position for i in store.images(draft.id)] == [0, 1]
    assert store.images(draft.id) == images
    with pytest.raises(InvalidValueError):
        store.add_approval(draft.id, "maybe", "Manager", "00")
    with pytest.raises(UnknownDraftError):
        store.add_image(99, "x.png", "00")


def test_foreign_keys_are_enforced(store):
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_search_matches_word_prefixes_as_the_author_types(store):
    store.create_draft("Rochdale fair", "Meet the buyers in Rochdale")
    store.create_draft("Stockport fair", "Meet the buyers in Stockport")
    assert [d.title for d in store.list_drafts(search="Roch")] == ["Rochdale fair"]
    assert [d.title for d in store.list_drafts(search="fai stock")] == ["Stockport fair"]
