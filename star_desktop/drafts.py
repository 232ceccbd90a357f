# SPDX-License-Identifier: MIT
"""The drafts service: the one owner of status, readiness, locking and the checked text.

Every door (the window, the calendar, the command line and approval packs) changes a
draft through `DraftsService`, so no door can do what another refuses. The store
below it keeps data and knows no policy; the table of transitions is in
`star_desktop.workflow`; what readiness needs is in `star_desktop.readiness`.

>>> from sqlite_utils import Database
>>> from star_desktop.storage import Store
>>> service = DraftsService(Store(Database(memory=True)), today=lambda: dt.date(2027, 3, 1))
>>> draft = service.create("Meet the Buyer", "Call Dave on 07700 900456.")
>>> try:
...     service.submit(draft.id)
... except RefusedError as refused:
...     print(refused.reasons[0].split(':')[0])
Blocking (personal-data.phone)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

import checks
from star_desktop import images, workflow
from star_desktop.draft_checks import DraftCheck
from star_desktop.readiness import (
    EVERY,
    Readiness,
    readiness,
    reason_problem,
    training_problem,
)
from star_desktop.storage import (
    UNSET,
    Draft,
    DraftSummary,
    Engagement,
    Image,
    InvalidValueError,
    Override,
    Person,
    SaveError,
    Status,
    Store,
    TextTooLongError,
    Transition,
    audit,
)
from star_desktop.storage.records import utc_now
from star_desktop.storage.store import Unset
from star_desktop.workflow import Action

#: The folder beside the database that holds the stripped copies of attached images.
IMAGES_FOLDER = "images"
#: The settings key of this installation's author.
AUTHOR_KEY = "profile.name"


class RefusedError(Exception):
    """A change the workflow does not allow now; ``reasons`` say why, one per line."""

    def __init__(self, action: str, reasons: Iterable[str]) -> None:
        self.action = action
        self.reasons = tuple(reasons)
        super().__init__("; ".join(self.reasons))


class LockedError(SaveError):
    """The draft's text or details cannot change in its status (a save refused)."""


def text_sha256(draft: Draft) -> str:
    """The SHA-256 of what an approver approves: the title and the text."""
    return hashlib.sha256(f"{draft.title}\n\n{draft.text}".encode()).hexdigest()


class DraftsService:
    """Create, edit, check and move drafts through the workflow.

    Args:
        store: The open database.
        policy: The loaded policy (the shipped one when None).
        today: The date today (tests pass a fixed one).
    """

    def __init__(
        self,
        store: Store,
        policy: checks.Policy | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        images_dir: Path | None = None,
    ) -> None:
        self.store = store
        self.policy = policy or checks.default_policy()
        self.today = today
        self._images_dir = images_dir

    # the author

    def author(self) -> str:
        """The name of this installation's author ("" until set)."""
        return self.store.setting(AUTHOR_KEY) or ""

    def profile(self) -> Person | None:
        """The author's record with their training date, or None before a name is set."""
        name = self.author()
        if not name:
            return None
        try:
            return self.store.person(name)
        except LookupError:
            return Person(0, name, None)

    def set_profile(
        self,
        name: str | None = None,
        training: dt.date | None = None,
        *,
        clear_training: bool = False,
    ) -> Person:
        """Set the author's name and/or Data Protection training date.

        Raises:
            InvalidValueError: No name, or a training date in the future.
        """
        name = (name if name is not None else self.author()).strip()
        if not name:
            raise InvalidValueError("set your name first (profile --name NAME)")
        if training is not None and training > self.today():
            raise InvalidValueError(
                f"the training date {training:%d %B %Y} is in the future: "
                "give the day you completed it"
            )
        person = self.store.set_person(name, training, clear_training=clear_training)
        self.store.set_setting(AUTHOR_KEY, name)
        return person

    # reading

    def get(self, draft_id: int) -> Draft:
        """The draft with this id (`UnknownDraftError` if none)."""
        return self.store.get(draft_id)

    def list_drafts(
        self,
        *,
        month: str | None = None,
        status: Status | str | None = None,
        search: str | None = None,
        limit: int | None = None,
        archived: bool = False,
    ) -> list[DraftSummary]:
        """Drafts as `Store.list_drafts` lists them (archived ones only when asked)."""
        return self.store.list_drafts(
            month=month, status=status, search=search, limit=limit, archived=archived
        )

    def transitions(self, draft_id: int) -> list[Transition]:
        """The draft's status changes, oldest first."""
        return self.store.transitions(draft_id)

    def available(self, draft: Draft) -> tuple[Action, ...]:
        """What the author may do to ``draft`` now (readiness aside)."""
        return tuple(a for a in workflow.available(draft.status) if self.refusal(draft, a) is None)

    def refusal(self, draft: Draft, action: Action) -> str | None:
        """Why ``action`` cannot be taken on ``draft`` whatever its text, or None.

        Readiness is not included: `submit` may still be refused for the draft's content.
        """
        why = workflow.refusal(action, draft.status)
        if why is None and self.store.read_only:
            why = f"The database is read-only: {self.store.read_only_reason}."
        if why is None and action is Action.DELETE and self._was_submitted(draft.id):
            why = "It was submitted for approval once, so its record is kept: archive it."
        return why

    def can_edit(self, draft: Draft) -> bool:
        """True when the author may change ``draft``'s text and details now."""
        return workflow.locked_reason(draft.status) is None and not self.store.read_only

    # editing

    def create(
        self,
        title: str = "",
        text: str = "",
        *,
        platforms: Iterable[str] = (),
        audiences: Iterable[str] = (),
        category: str | None = None,
        date: dt.date | None = None,
        time: dt.time | None = None,
    ) -> Draft:
        """A new draft by this installation's author, with the status draft.

        Raises:
            InvalidValueError: The text is longer than the policy allows.
        """
        self._require_length(text)
        return self.store.create_draft(
            title, text, platforms=platforms, audiences=audiences, category=category,
            date=date, time=time, author=self.author() or None,
        )  # fmt: skip

    def new_or_reuse(self) -> Draft:
        """A new empty draft for X, or the newest one if it is still empty and untitled."""
        newest = self.store.newest_id(Status.DRAFT)
        if newest is not None:
            draft = self.store.get(newest)
            if not draft.title.strip() and not draft.text.strip():
                return draft
        return self.create("", "", platforms=("x",))

    def save_text(self, draft_id: int, text: str, *, version: int) -> int:
        """Save the author's text (the autosaver's door); refused unless it is editable.

        Raises:
            LockedError: Submitted, approved, published, rejected or archived.
            ConflictError: Saved elsewhere since ``version``.
            InvalidValueError: The text is longer than the policy allows.
        """
        self._require_length(text)
        self._require_editable(self.store.get(draft_id))
        return self.store.save_text(draft_id, text, version=version)

    def _require_length(self, text: str) -> None:
        limit = self.policy.max_text_chars
        if len(text) > limit:
            raise TextTooLongError(
                f"the text is {len(text):,} characters: a post may have at most {limit:,} "
                "(the policy's [settings] max_text_kb)"
            )

    def update(
        self,
        draft_id: int,
        *,
        version: int | None = None,
        title: str | Unset = UNSET,
        date: dt.date | Unset | None = UNSET,
        time: dt.time | Unset | None = UNSET,
        category: str | Unset | None = UNSET,
        platforms: Iterable[str] | Unset = UNSET,
        audiences: Iterable[str] | Unset = UNSET,
    ) -> Draft:
        """Change title, platforms, audiences, category, date or time (never the status).

        Arguments left out are unchanged; None clears. ``version`` is the version the
        caller loaded (a calendar drag or the window); None skips the conflict check.

        Raises:
            LockedError: As `save_text`.
            ConflictError: The draft changed since ``version``.
        """
        self._require_editable(self.store.get(draft_id))
        return self.store.update(
            draft_id, version=version, title=title, date=date, time=time, category=category,
            platforms=platforms, audiences=audiences,
        )  # fmt: skip

    def reschedule(self, draft_id: int, day: dt.date | None, *, version: int) -> Draft:
        """Move a draft to another day (the calendar's drag), checking ``version``."""
        return self.update(draft_id, version=version, date=day)

    def ignore(
        self, draft_id: int, finding: checks.Finding, reason: str, *, every: bool = False
    ) -> Override:
        """Stop flagging ``finding`` on this draft, with a reason the approver will read.

        ``every`` ignores every finding of the same check in this draft ("Ignore all").

        Raises:
            InvalidValueError: The reason is too short to tell the approver anything.
            LockedError: The draft cannot be edited now.
        """
        problem = reason_problem(reason)
        if problem is not None:
            raise InvalidValueError(problem[0].upper() + problem[1:] + ".")
        self._require_editable(self.store.get(draft_id))
        text = EVERY if every else finding.text
        return self.store.add_override(
            draft_id, finding.check, text, reason.strip(), self.author() or "unknown"
        )

    # images

    @property
    def images_dir(self) -> Path:
        """Where stripped copies of images are kept: ``images`` beside the database."""
        if self._images_dir is None:
            base = self.store.path.parent if self.store.path else Path(tempfile.mkdtemp())
            self._images_dir = base / IMAGES_FOLDER
        return self._images_dir

    def attach(self, draft_id: int, source: Path, alt: str = "") -> Image:
        """Attach a copy of ``source`` without its metadata; the original is not touched.

        Returns the image, whose ``removed`` says what was stripped.

        Raises:
            ImageError: Not an image this app takes, damaged, too large, unreadable.
            LockedError: The draft cannot be edited now.
        """
        self._require_editable(self.store.get(draft_id))
        limits = self.policy.images
        clean = images.clean_copy(
            Path(source),
            self.images_dir,
            images.Limits(limits.max_pixels, limits.max_frames, limits.max_file_bytes),
        )
        return self.store.add_image(
            draft_id, str(clean.path), clean.sha256, alt.strip(), width=clean.width,
            height=clean.height, format=clean.format, size=clean.size, removed=clean.removed,
            original=Path(source).name,
        )  # fmt: skip

    def image_of(self, draft_id: int, number: int) -> Image:
        """Image ``number`` (1 for the first) of a draft; `InvalidValueError` if none."""
        attached = self.store.images(draft_id)
        if not 1 <= number <= len(attached):
            raise InvalidValueError(
                f"draft {draft_id} has {len(attached)} image{'s' if len(attached) != 1 else ''}"
                f"; there is no image {number}"
            )
        return attached[number - 1]

    def detach(self, draft_id: int, number: int) -> Image:
        """Take image ``number`` off a draft (its stored copy goes when nothing uses it)."""
        self._require_editable(self.store.get(draft_id))
        image = self.image_of(draft_id, number)
        self.store.remove_image(image.id)
        if not self.store.image_in_use(image.path):
            Path(image.path).unlink(missing_ok=True)
        return image

    def set_alt(self, draft_id: int, number: int, alt: str) -> Image:
        """Change an image's alt text."""
        self._require_editable(self.store.get(draft_id))
        return self.store.update_image(self.image_of(draft_id, number).id, alt=alt.strip())

    def confirm_image(
        self,
        draft_id: int,
        number: int,
        *,
        no_personal: bool,
        no_security: bool,
        people: str,
        consent: str = "",
    ) -> Image:
        """Record the author's checks of an image (readiness needs all of them)."""
        self._require_editable(self.store.get(draft_id))
        image = self.image_of(draft_id, number)
        return self.store.update_image(
            image.id, no_personal=no_personal, no_security=no_security, people=people,
            consent=consent.strip(), confirmed_by=self.author(), confirmed_at=utc_now(),
        )  # fmt: skip

    def shrink_image(self, draft_id: int, number: int, platform: str = "x") -> Image:
        """Replace image ``number`` with a smaller copy that ``platform`` takes."""
        self._require_editable(self.store.get(draft_id))
        image = self.image_of(draft_id, number)
        largest = self.policy.images.upload_limits.get(platform)
        if not largest or image.bytes <= largest:
            return image
        clean = images.CleanImage(
            Path(image.path), image.sha256, image.format, image.width, image.height, 1,
            image.bytes, image.removed,
        )  # fmt: skip
        smaller = images.shrink_to(clean, self.images_dir, largest)
        return self.store.update_image(
            image.id, path=str(smaller.path), sha256=smaller.sha256, width=smaller.width,
            height=smaller.height, format=smaller.format, bytes=smaller.size,
        )  # fmt: skip

    # the audit log

    def record(self, action: str, draft_id: int, detail: str) -> None:
        """Record an export, an import or another step that changes no status."""
        self.store.record(action, draft_id, self.author(), detail)

    def audit_problems(self) -> list[str]:
        """What is wrong with the audit log, or the drafts it speaks for (empty: sound)."""
        return audit.verify(self.store.db)

    # checking

    def check_of(self, draft: Draft, text: str | None = None) -> DraftCheck:
        """What is checked of ``draft`` (with ``text`` for unsaved text)."""
        return DraftCheck.of(draft, self.store.images(draft.id), text=text)

    def check(self, draft: Draft, text: str | None = None) -> checks.Report:
        """Check ``draft``'s title and text (or ``text``) now."""
        return self.check_of(draft, text).run(self.policy)

    def readiness(self, draft_id: int, report: checks.Report | None = None) -> Readiness:
        """Whether the draft can be submitted; ``report`` is reused if it is of its text."""
        draft = self.store.get(draft_id)
        if report is None or report.text != draft.text:
            report = self.check(draft)
        return self.readiness_of(draft, report)

    def readiness_of(self, draft: Draft, report: checks.Report) -> Readiness:
        """Readiness of ``draft`` with ``report`` as it is (nothing is checked again).

        The window passes the check of the text being typed, which may not be saved yet.
        """
        return readiness(
            draft,
            report,
            self.store.overrides(draft.id),
            self.profile(),
            self.today(),
            images=self.store.images(draft.id),
            limits=self.policy.images,
        )

    # transitions

    def submit(self, draft_id: int, *, report: checks.Report | None = None) -> Draft:
        """Submit for approval; `RefusedError` with every reason when it is not ready."""
        draft = self._allowed(Action.SUBMIT, draft_id)
        result = self.readiness(draft_id, report)
        if not result.ready:
            raise RefusedError(Action.SUBMIT, result.reasons)
        return self._move(draft, Action.SUBMIT, Status.SUBMITTED)

    def withdraw(self, draft_id: int, reason: str = "") -> Draft:
        """Take a submitted post back to draft, so it can be edited."""
        draft = self._allowed(Action.WITHDRAW, draft_id)
        return self._move(draft, Action.WITHDRAW, Status.DRAFT, reason)

    def reopen(self, draft_id: int) -> Draft:
        """Edit an approved, published or rejected post again: back to draft.

        An approval is voided, and the record says so.
        """
        draft = self._allowed(Action.REOPEN, draft_id)
        note = "approval voided" if draft.status is Status.APPROVED else ""
        return self._move(draft, Action.REOPEN, Status.DRAFT, note)

    def archive(self, draft_id: int) -> Draft:
        """Put a draft away: it leaves the lists and the calendar's gauges."""
        draft = self._allowed(Action.ARCHIVE, draft_id)
        return self._move(draft, Action.ARCHIVE, Status.ARCHIVED)

    def restore(self, draft_id: int) -> Draft:
        """Bring an archived draft back with the status it had when archived."""
        draft = self._allowed(Action.RESTORE, draft_id)
        archived = [t for t in self.store.transitions(draft_id) if t.action == Action.ARCHIVE]
        before = archived[-1].from_status if archived else Status.DRAFT
        return self._move(draft, Action.RESTORE, before)

    def delete(self, draft_id: int, *, confirmed: bool) -> None:
        """Delete a draft that was never submitted (anything else can be archived)."""
        draft = self._allowed(Action.DELETE, draft_id)
        if not confirmed:
            raise RefusedError(Action.DELETE, ["Deleting cannot be undone: confirm it (--yes)."])
        self.store.delete_draft(draft_id, version=draft.version, person=self.author())

    def publish(self, draft_id: int, url: str = "") -> Draft:
        """Mark an approved post published (the approval must still match its text)."""
        draft = self._allowed(Action.PUBLISH, draft_id)
        decisions = [a for a in self.store.approvals(draft_id) if a.decision == "approve"]
        if not decisions or decisions[-1].text_sha256 != text_sha256(draft):
            raise RefusedError(
                Action.PUBLISH, ["Its text is not the text that was approved: submit it again."]
            )
        return self._move(draft, Action.PUBLISH, Status.PUBLISHED, url)

    def record_engagement(
        self, draft_id: int, platform: str, *, impressions: int, engagements: int, clicks: int = 0
    ) -> Engagement:
        """Record how a published post did on one of its platforms.

        Raises:
            RefusedError: Not published, or not posted to ``platform``.
            InvalidValueError: A negative figure.
        """
        draft = self.store.get(draft_id)
        if draft.status is not Status.PUBLISHED:
            raise RefusedError("engagement", ["Figures are recorded for published posts only."])
        if platform not in draft.platforms:
            raise RefusedError("engagement", [f"It was not posted to {platform}."])
        if min(impressions, engagements, clicks) < 0:
            raise InvalidValueError("figures cannot be negative")
        recorded = self.store.set_engagement(draft_id, platform, impressions, engagements, clicks)
        self.record(
            "engagement", draft_id,
            f"{platform}: {impressions} impressions, {engagements} engagements, {clicks} clicks",
        )  # fmt: skip
        return recorded

    def decide(
        self, draft_id: int, decision: str, approver: str, sha256: str, comment: str
    ) -> Draft:
        """Apply an approver's decision (``approve``, ``changes``, ``reject``) to a draft.

        Approval packs call this after verifying the decision's signature; nothing
        else can approve. The decision counts only for exactly the submitted text.
        """
        action = {
            "approve": Action.APPROVE,
            "changes": Action.REQUEST_CHANGES,
            "reject": Action.REJECT,
        }.get(decision)
        if action is None:
            raise InvalidValueError(f"unknown decision {decision!r}: use approve, changes, reject")
        draft = self._allowed(action, draft_id)
        reasons = []
        if sha256 != text_sha256(draft):
            reasons.append("The decision is for other text than the post submitted.")
        if action is not Action.APPROVE and not comment.strip():
            reasons.append("Requesting changes or rejecting needs a comment for the author.")
        if reasons:
            raise RefusedError(action, reasons)
        self.store.add_approval(draft_id, decision, approver, sha256, comment)
        target = workflow.RULES[action].target
        assert target is not None
        return self._move(draft, action, target, comment, person=approver)

    # helpers

    def _allowed(self, action: Action, draft_id: int) -> Draft:
        draft = self.store.get(draft_id)
        self.store.require_writable(f"{action.value.replace('-', ' ')} draft {draft_id}")
        why = self.refusal(draft, action)
        if why is not None:
            raise RefusedError(action, [why])
        return draft

    def _move(
        self,
        draft: Draft,
        action: Action,
        status: Status,
        reason: str = "",
        *,
        person: str | None = None,
    ) -> Draft:
        return self.store.set_status(
            draft.id,
            status,
            version=draft.version,
            action=action.value,
            person=self.author() if person is None else person,
            reason=reason,
        )

    def _require_editable(self, draft: Draft) -> None:
        why = workflow.locked_reason(draft.status)
        if why is not None:
            raise LockedError(why)
        self.store.require_writable("change the draft")  # before an image is copied in

    def _was_submitted(self, draft_id: int) -> bool:
        return any(t.action == Action.SUBMIT for t in self.store.transitions(draft_id))


__all__ = [
    "DraftCheck",
    "DraftsService",
    "LockedError",
    "RefusedError",
    "text_sha256",
    "training_problem",
]
