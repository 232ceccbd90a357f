# SPDX-License-Identifier: MIT
"""The audit log: append-only, each entry holding the hash of the one before it.

Every status change, override, export, decision and import is written in the same
transaction as the change itself. `verify` recomputes the chain and names the first
entry altered, removed or reordered, and compares each draft's status with the last
one the log recorded, so a status flipped by hand in the database is found too.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from sqlite_utils import Database

GENESIS = "0" * 64
#: The status an entry records for a deleted draft.
DELETED = "deleted"


@dataclass(frozen=True, slots=True)
class Entry:
    """One audit entry as stored."""

    id: int
    at: str
    person: str
    action: str
    draft_id: int
    status: str
    detail: str
    previous: str
    hash: str


def entry_hash(previous: str, at: str, person: str, action: str, draft_id: int,
               status: str, detail: str) -> str:  # fmt: skip
    """The hash of an entry: SHA-256 over the previous hash and the entry's fields."""
    fields = json.dumps([previous, at, person, action, draft_id, status, detail],
                        ensure_ascii=False, separators=(",", ":"))  # fmt: skip
    return hashlib.sha256(fields.encode()).hexdigest()


def append(
    db: Database, at: str, person: str, action: str, draft_id: int, status: str, detail: str
) -> None:
    """Add an entry after the last (call inside the write transaction of the change)."""
    row = db.execute("SELECT hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    previous = row[0] if row else GENESIS
    digest = entry_hash(previous, at, person, action, draft_id, status, detail)
    db.execute(
        "INSERT INTO audit (at, person, action, draft_id, status, detail, previous, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (at, person, action, draft_id, status, detail, previous, digest),
    )


def entries(db: Database) -> list[Entry]:
    """Every entry, in order."""
    rows = db.execute(
        "SELECT id, at, person, action, draft_id, status, detail, previous, hash "
        "FROM audit ORDER BY id"
    )
    return [Entry(*row) for row in rows]


def verify(db: Database) -> list[str]:
    """What is wrong with the log and the drafts it speaks for (empty when sound)."""
    problems: list[str] = []
    previous = GENESIS
    expected_id = None
    last_status: dict[int, str] = {}
    for entry in entries(db):
        if expected_id is not None and entry.id != expected_id:
            problems.append(f"entry {expected_id} is missing (the next is {entry.id})")
            break
        if entry.previous != previous:
            problems.append(f"entry {entry.id} ({entry.action}) does not follow the one before "
                            "it: entries were removed or reordered")  # fmt: skip
            break
        fields = (entry.at, entry.person, entry.action, entry.draft_id, entry.status,
                  entry.detail)  # fmt: skip
        if entry_hash(previous, *fields) != entry.hash:
            problems.append(f"entry {entry.id} ({entry.action}, draft {entry.draft_id}) was "
                            "altered")  # fmt: skip
            break
        previous = entry.hash
        expected_id = entry.id + 1
        if entry.draft_id and entry.status:
            last_status[entry.draft_id] = entry.status
    if problems:
        return problems
    present = dict(db.execute("SELECT id, status FROM drafts").fetchall())
    for draft_id, recorded in sorted(last_status.items()):
        status = present.get(draft_id)
        if status is None and recorded != DELETED:
            problems.append(f"draft {draft_id} was removed outside the app (the log last "
                            f"recorded '{recorded}')")  # fmt: skip
        elif status is not None and status != recorded:
            problems.append(f"draft {draft_id} is '{status}' but the log last recorded "
                            f"'{recorded}': its status was changed outside the app")  # fmt: skip
    for draft_id in sorted(set(present) - set(last_status)):
        problems.append(f"draft {draft_id} is not in the log: it was added outside the app")
    return problems
