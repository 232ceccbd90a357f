# SPDX-License-Identifier: MIT
"""The main window's approval-pack actions: export, open to review, import decisions.

A mixin of `ui.main_window.MainWindow`; the work is in `star_desktop.packs` (no Qt).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QStatusBar, QWidget

from star_desktop.calendar import month_end
from star_desktop.drafts import DraftsService
from star_desktop.packs import decisions as pack_decisions
from star_desktop.packs import export as pack_export
from star_desktop.packs.archive import PackError
from star_desktop.packs.keys import KeyFileError, installation_key
from star_desktop.packs.verify import verify_pack
from star_desktop.storage import StorageError
from ui.calendar_pane import CalendarPane
from ui.draft_session import DraftSession
from ui.pack_review import PackReviewDialog


class PackActions:
    """Export the month's submitted posts, review a pack, import an approver's decisions."""

    service: DraftsService
    session: DraftSession
    calendar_pane: CalendarPane
    review_dialog: PackReviewDialog | None = None

    if TYPE_CHECKING:

        def inform(self, title: str, text: str) -> None: ...  # noqa: D102
        def confirm(self, title: str, text: str) -> bool: ...  # noqa: D102
        def author(self) -> str: ...  # noqa: D102
        def statusBar(self) -> QStatusBar: ...  # noqa: D102, N802
        def window(self) -> QWidget: ...  # noqa: D102
        def _refresh_lists(self) -> None: ...

    def export_pack(self) -> Path | None:
        """Export the submitted posts of the month the calendar shows, signed."""
        first = self.calendar_pane.current_day().replace(day=1)
        last = month_end(first)
        chosen, skipped = pack_export.choose(self.service, first=first, last=last)
        if not chosen:
            self.inform(
                "Nothing to export",
                f"No post scheduled in {first:%B %Y} is submitted for approval yet.",
            )
            return None
        target = self.choose_pack_path(f"approval-pack-{first:%Y-%m}.starpack")
        if target is None:
            return None
        try:
            done = pack_export.export_pack(
                self.service, installation_key(), target, chosen, period=(first, last),
                skipped=skipped,
            )  # fmt: skip
        except (PackError, KeyFileError, StorageError) as exc:
            self.inform("Pack not exported", str(exc))
            return None
        note = f" {len(skipped)} other posts of the month are not submitted." if skipped else ""
        self.statusBar().showMessage(
            f"Exported {len(done.included)} posts to {done.path}.{note}", 10_000
        )
        return done.path

    def open_pack(self, path: Path | None = None) -> PackReviewDialog | None:
        """Open an approval pack to review it (as the approver)."""
        path = path or self.choose_open_path("Open approval pack", "Approval packs (*.starpack)")
        if path is None:
            return None
        try:
            pack = verify_pack(path)
            key = installation_key()
        except (PackError, KeyFileError) as exc:
            self.inform("Pack not opened", str(exc))
            return None
        dialog = PackReviewDialog(pack, self.author() or "Approver", key, self.window())
        self.review_dialog = dialog
        dialog.show()
        return dialog

    def import_decisions(self, path: Path | None = None) -> bool:
        """Import an approver's signed decisions into the drafts they name."""
        path = path or self.choose_open_path("Import decisions", "Decisions (*.json)")
        if path is None:
            return False
        own = installation_key().fingerprint
        try:
            result = pack_decisions.import_decisions(self.service, path, own_fingerprint=own)
        except PackError as exc:
            if "no approvers are listed" not in str(exc):
                self.inform("Decisions not imported", str(exc))
                return False
            if not self.confirm(
                "Decisions not verified", f"{exc}.\n\nImport them anyway, marked as unverified?"
            ):
                return False
            result = pack_decisions.import_decisions(
                self.service, path, own_fingerprint=own, allow_unverified=True
            )
        lines = [f"Draft {i}: {d}" for i, d in result.applied]
        lines += [f"Draft {i}: not applied: {why}" for i, why in result.refused]
        self.inform("Decisions imported", "\n".join([*result.notes, *lines]))
        self._refresh_lists()
        if self.session.draft is not None:
            self.session.open(self.session.draft.id)
        return not result.refused

    def choose_pack_path(self, suggested: str) -> Path | None:
        """Where to save an exported pack."""
        name, _ = QFileDialog.getSaveFileName(
            self.window(),
            "Export approval pack",
            str(Path.home() / suggested),
            "Approval packs (*.starpack)",
        )
        return Path(name) if name else None

    def choose_open_path(self, title: str, kinds: str) -> Path | None:
        """A file to open."""
        name, _ = QFileDialog.getOpenFileName(self.window(), title, str(Path.home()), kinds)
        return Path(name) if name else None
