# SPDX-License-Identifier: MIT
"""A draft changed both on this PC and on the server: the author chooses which copy stays.

`sync.TeamSync` keeps the server's copy in ``team_conflicts`` and holds the draft back.
``keep_mine`` sends this PC's copy over the server's at the next sync; ``take_theirs``
saves the server's title and text into the draft through the drafts service (which owns
what may change and records it), and the draft is then in step with the server. Either
way nothing is lost without the author saying so: this PC's text, when replaced,
stays among the draft's saved versions in the database; the server's copy, when
replaced, stays on the PC that wrote it, whose next edit of the draft is a conflict
there in turn.
"""

from __future__ import annotations

import dataclasses

from star_desktop.drafts import DraftsService
from star_desktop.storage import Store


@dataclasses.dataclass(frozen=True, slots=True)
class Conflict:
    """This PC's copy of a draft beside the server's."""

    draft_id: int
    uuid: str
    title: str
    text: str
    their_title: str
    their_text: str
    server_version: int


class NoConflictError(LookupError):
    """The draft is not in conflict (already resolved, or never was)."""


def conflicts(store: Store) -> list[Conflict]:
    """The drafts in conflict, oldest first."""
    rows = store.db.execute(
        "SELECT d.id, d.uuid, d.title, d.text, c.title, c.text, c.server_version "
        "FROM team_conflicts c JOIN drafts d ON d.uuid = c.draft_uuid ORDER BY c.found"
    ).fetchall()
    return [Conflict(*row) for row in rows]


def conflict_of(store: Store, draft_id: int) -> Conflict:
    """The conflict of draft ``draft_id``; `NoConflictError` when there is none."""
    for conflict in conflicts(store):
        if conflict.draft_id == draft_id:
            return conflict
    raise NoConflictError(f"draft {draft_id} is not in conflict with the team server")


def keep_mine(store: Store, draft_id: int) -> Conflict:
    """Keep this PC's copy: the next sync sends it over the server's."""
    conflict = conflict_of(store, draft_id)
    with store.write("keep this PC's copy") as db:
        db.execute(
            "INSERT INTO team_state (draft_uuid, sent_version, server_version) VALUES (?, 0, ?) "
            "ON CONFLICT (draft_uuid) DO UPDATE SET server_version = excluded.server_version",
            (conflict.uuid, conflict.server_version),
        )
        db.execute("DELETE FROM team_conflicts WHERE draft_uuid = ?", (conflict.uuid,))
    return conflict


def take_theirs(service: DraftsService, draft_id: int) -> Conflict:
    """Take the server's title and text into the draft (a new revision of it here).

    Raises:
        NoConflictError: The draft is not in conflict.
        LockedError: The draft cannot be changed in its status (withdraw it first).
    """
    store = service.store
    conflict = conflict_of(store, draft_id)
    draft = store.get(draft_id)
    version = draft.version
    if conflict.their_text != draft.text:
        version = service.save_text(draft_id, conflict.their_text, version=version)
    if conflict.their_title != draft.title:
        version = service.update(draft_id, version=version, title=conflict.their_title).version
    with store.write("take the team server's copy") as db:
        db.execute(
            "INSERT INTO team_state (draft_uuid, sent_version, server_version) VALUES (?, ?, ?) "
            "ON CONFLICT (draft_uuid) DO UPDATE SET sent_version = excluded.sent_version, "
            "server_version = excluded.server_version",
            (conflict.uuid, version, conflict.server_version),
        )
        db.execute("DELETE FROM team_conflicts WHERE draft_uuid = ?", (conflict.uuid,))
    return conflict
