# SPDX-License-Identifier: MIT
"""The store's smaller tables: people, months, events, overrides, approvals and images."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Mapping, Sequence

from sqlite_utils import Database

from checks import PLATFORMS
from star_desktop.storage import audit
from star_desktop.storage.errors import InvalidValueError, UnknownDraftError
from star_desktop.storage.records import (
    PEOPLE,
    Approval,
    Engagement,
    Event,
    Image,
    Month,
    Override,
    Person,
    utc_now,
)

DECISIONS = ("approve", "changes", "reject")


class SideTables:
    """Methods of `Store` for the tables around drafts (a mixin: needs ``db`` and ``write``)."""

    db: Database

    def write(self, action: str = "save") -> contextlib.AbstractContextManager[Database]:
        """One write transaction (implemented by `Store`)."""
        raise NotImplementedError

    # people

    def _person_id(self, name: str) -> int:
        row = self.db.execute("SELECT id FROM people WHERE name = ?", (name,)).fetchone()
        if row:
            return int(row[0])
        return int(self.db.execute("INSERT INTO people (name) VALUES (?)", (name,)).lastrowid or 0)

    def set_person(
        self, name: str, dp_training: dt.date | None = None, *, clear_training: bool = False
    ) -> Person:
        """Add a team member, or record (or clear) the date of their Data Protection training."""
        if not name.strip():
            raise InvalidValueError("a person needs a name")
        with self.write("save the person") as db:
            person_id = self._person_id(name)
            if dp_training is not None or clear_training:
                db.execute(
                    "UPDATE people SET dp_training = ? WHERE id = ?",
                    (dp_training.isoformat() if dp_training else None, person_id),
                )
        return self.person(name)

    def person(self, name: str) -> Person:
        """The team member with this name; `LookupError` if none."""
        row = self.db.execute(
            "SELECT id, name, dp_training FROM people WHERE name = ?", (name,)
        ).fetchone()
        if row is None:
            raise LookupError(f"no person named {name!r}")
        return Person(row[0], row[1], dt.date.fromisoformat(row[2]) if row[2] else None)

    def people(self) -> list[Person]:
        """Every team member, by name."""
        rows = self.db.execute("SELECT id, name, dp_training FROM people ORDER BY name")
        return [Person(i, n, dt.date.fromisoformat(d) if d else None) for i, n, d in rows]

    # settings of this installation (the author's name)

    def setting(self, key: str, default: str | None = None) -> str | None:
        """A stored setting, or ``default``."""
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else default

    def set_setting(self, key: str, value: str) -> None:
        """Store a setting."""
        with self.write("save the setting") as db:
            db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    # months of the content calendar

    def set_month(
        self,
        month: str,
        theme: str,
        *,
        focus: str = "",
        targets: Mapping[str, int] | None = None,
        example: bool = False,
    ) -> Month:
        """Set a month's theme and its posting targets per platform (``{"x": 12}``)."""
        dt.date.fromisoformat(month + "-01")
        targets = dict(targets or {})
        bad = [p for p in targets if p not in PLATFORMS]
        if bad:
            raise InvalidValueError(f"unknown platform {bad[0]!r}: use {', '.join(PLATFORMS)}")
        with self.write("save the month") as db:
            db.execute(
                "INSERT INTO months (month, theme, focus, example) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (month) DO UPDATE SET theme = excluded.theme, "
                "focus = excluded.focus, example = excluded.example",
                (month, theme, focus, int(example)),
            )
            db.execute("DELETE FROM month_targets WHERE month = ?", (month,))
            db.table("month_targets").insert_all(
                {"month": month, "platform": p, "posts": n} for p, n in targets.items()
            )
        return self.months(month, month)[0]

    def months(self, first: str = "0000-01", last: str = "9999-12") -> list[Month]:
        """The months with a theme from ``first`` to ``last`` (``YYYY-MM``), in order."""
        rows = self.db.execute(
            "SELECT month, theme, focus, example FROM months "
            "WHERE month BETWEEN ? AND ? ORDER BY month",
            (first, last),
        ).fetchall()
        targets: dict[str, dict[str, int]] = {}
        for month, platform, posts in self.db.execute(
            "SELECT month, platform, posts FROM month_targets WHERE month BETWEEN ? AND ?",
            (first, last),
        ):
            targets.setdefault(month, {})[platform] = posts
        return [Month(m, t, f, targets.get(m, {}), bool(e)) for m, t, f, e in rows]

    # events

    def add_event(
        self,
        title: str,
        date: dt.date,
        *,
        kind: str = "event",
        location: str = "",
        notes: str = "",
        example: bool = False,
    ) -> Event:
        """Put an event (Meet the Buyer, a business forum) on the calendar."""
        with self.write("save the event") as db:
            event_id = db.execute(
                "INSERT INTO events (title, kind, date, location, notes, example) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (title, kind, date.isoformat(), location, notes, int(example)),
            ).lastrowid
        return Event(int(event_id or 0), title, kind, date, location, notes, example)

    def events(self, first: dt.date, last: dt.date) -> list[Event]:
        """Events from ``first`` to ``last`` inclusive, by date."""
        rows = self.db.execute(
            "SELECT id, title, kind, date, location, notes, example FROM events "
            "WHERE date BETWEEN ? AND ? ORDER BY date, id",
            (first.isoformat(), last.isoformat()),
        )
        return [
            Event(i, t, k, dt.date.fromisoformat(d), loc, n, bool(e))
            for i, t, k, d, loc, n, e in rows
        ]

    # engagement of published posts

    def set_engagement(
        self, draft_id: int, platform: str, impressions: int, engagements: int, clicks: int
    ) -> Engagement:
        """Record (or replace) a post's figures on one platform."""
        now = utc_now()
        with self.write("save the figures") as db:
            self._require_draft(draft_id)
            db.execute(
                "INSERT INTO engagement (draft_id, platform, impressions, engagements, clicks, "
                "recorded) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (draft_id, platform) DO UPDATE "
                "SET impressions = excluded.impressions, engagements = excluded.engagements, "
                "clicks = excluded.clicks, recorded = excluded.recorded",
                (draft_id, platform, impressions, engagements, clicks, now),
            )
        return Engagement(draft_id, platform, impressions, engagements, clicks, now)

    def engagement(self, draft_id: int) -> list[Engagement]:
        """A post's recorded figures, by platform."""
        rows = self.db.execute(
            "SELECT draft_id, platform, impressions, engagements, clicks, recorded "
            "FROM engagement WHERE draft_id = ? ORDER BY platform",
            (draft_id,),
        )
        return [Engagement(*row) for row in rows]

    # overrides, approvals and images of a draft

    def _require_draft(self, draft_id: int) -> None:
        if not self.db.execute("SELECT 1 FROM drafts WHERE id = ?", (draft_id,)).fetchone():
            raise UnknownDraftError(draft_id)

    def add_override(
        self, draft_id: int, check: str, text: str, reason: str, person: str
    ) -> Override:
        """Record that ``person`` ignored finding ``check`` on ``text``, and why."""
        if not reason.strip():
            raise InvalidValueError("an ignored finding needs a reason")
        now = utc_now()
        with self.write("save the override") as db:
            self._require_draft(draft_id)
            override_id = db.execute(
                "INSERT INTO overrides (draft_id, check_id, text, reason, person, created) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (draft_id, check, text, reason, person, now),
            ).lastrowid
            audit.append(
                db, now, person, "override", draft_id, "", f"{check} on {text!r}: {reason}"
            )
        return Override(int(override_id or 0), draft_id, check, text, reason, person, now)

    def overrides(self, draft_id: int) -> list[Override]:
        """The findings ignored on a draft, oldest first."""
        rows = self.db.execute(
            "SELECT id, draft_id, check_id, text, reason, person, created FROM overrides "
            "WHERE draft_id = ? ORDER BY id",
            (draft_id,),
        )
        return [Override(*row) for row in rows]

    def add_approval(
        self, draft_id: int, decision: str, approver: str, text_sha256: str, comment: str = ""
    ) -> Approval:
        """Record an approver's decision (``approve``, ``changes``, ``reject``) on a text."""
        if decision not in DECISIONS:
            raise InvalidValueError(f"unknown decision {decision!r}: use {', '.join(DECISIONS)}")
        now = utc_now()
        with self.write("save the decision") as db:
            self._require_draft(draft_id)
            approval_id = db.execute(
                "INSERT INTO approvals (draft_id, decision, approver, comment, text_sha256, "
                "decided) VALUES (?, ?, ?, ?, ?, ?)",
                (draft_id, decision, approver, comment, text_sha256, now),
            ).lastrowid
        return Approval(
            int(approval_id or 0), draft_id, decision, approver, comment, text_sha256, now
        )

    def approvals(self, draft_id: int) -> list[Approval]:
        """The decisions on a draft, oldest first."""
        rows = self.db.execute(
            "SELECT id, draft_id, decision, approver, comment, text_sha256, decided "
            "FROM approvals WHERE draft_id = ? ORDER BY id",
            (draft_id,),
        )
        return [Approval(*row) for row in rows]

    def add_image(
        self,
        draft_id: int,
        path: str,
        sha256: str,
        alt: str = "",
        *,
        width: int = 0,
        height: int = 0,
        format: str = "",
        size: int = 0,
        removed: Sequence[str] = (),
        original: str = "",
    ) -> Image:
        """Attach an image (its stored copy, hash and alt text) after the draft's others."""
        with self.write("attach the image") as db:
            self._require_draft(draft_id)
            position = db.execute(
                "SELECT coalesce(max(position) + 1, 0) FROM images WHERE draft_id = ?",
                (draft_id,),
            ).fetchone()[0]
            image_id = db.execute(
                "INSERT INTO images (draft_id, path, alt, sha256, position, width, height, "
                "format, bytes, removed, original) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (draft_id, path, alt, sha256, position, width, height, format, size,
                 json.dumps(list(removed)), original),
            ).lastrowid  # fmt: skip
        return self.image(int(image_id or 0))

    def image(self, image_id: int) -> Image:
        """One attached image; `LookupError` if there is none."""
        row = self.db.execute(f"SELECT {_IMAGE_COLUMNS} FROM images WHERE id = ?", (image_id,))
        found = row.fetchone()
        if found is None:
            raise LookupError(f"no image with id {image_id}")
        return _image(found)

    def images(self, draft_id: int) -> list[Image]:
        """A draft's images in order."""
        rows = self.db.execute(
            f"SELECT {_IMAGE_COLUMNS} FROM images WHERE draft_id = ? ORDER BY position",
            (draft_id,),
        )
        return [_image(row) for row in rows]

    def update_image(self, image_id: int, **values: str | int | bool) -> Image:
        """Change an image's alt text or confirmations (column name = value)."""
        unknown = set(values) - _IMAGE_FIELDS
        if unknown:
            raise InvalidValueError(f"images have no {sorted(unknown)[0]!r}")
        if values.get("people", "") not in ("", *PEOPLE):
            raise InvalidValueError(f"people must be one of {', '.join(PEOPLE)}")
        with self.write("save the image") as db:
            sets = ", ".join(f"{name} = ?" for name in values)
            cursor = db.execute(
                f"UPDATE images SET {sets} WHERE id = ?",
                [int(v) if isinstance(v, bool) else v for v in values.values()] + [image_id],
            )
            if cursor.rowcount == 0:
                raise LookupError(f"no image with id {image_id}")
        return self.image(image_id)

    def remove_image(self, image_id: int) -> None:
        """Detach an image (its stored file stays: another draft may share it)."""
        with self.write("detach the image") as db:
            db.execute("DELETE FROM images WHERE id = ?", (image_id,))

    def image_in_use(self, path: str) -> bool:
        """Whether any draft still has the stored file ``path``."""
        return bool(self.db.execute("SELECT 1 FROM images WHERE path = ?", (path,)).fetchone())


_IMAGE_FIELDS = frozenset(
    {"alt", "no_personal", "no_security", "people", "consent", "confirmed_by", "confirmed_at",
     "path", "sha256", "width", "height", "format", "bytes"}
)  # fmt: skip
_IMAGE_COLUMNS = (
    "id, draft_id, path, alt, sha256, position, original, width, height, format, bytes, "
    "removed, no_personal, no_security, people, consent, confirmed_by, confirmed_at"
)


def _image(row: Sequence[object]) -> Image:
    (i, draft, path, alt, sha, position, original, width, height, kind, size, removed,
     personal, security, people, consent, by, at) = row  # fmt: skip
    return Image(
        int(str(i)), int(str(draft)), str(path), str(alt), str(sha), int(str(position)),
        str(original), int(str(width)), int(str(height)), str(kind), int(str(size)),
        tuple(json.loads(str(removed))), bool(personal), bool(security), str(people),
        str(consent), str(by), str(at),
    )  # fmt: skip
