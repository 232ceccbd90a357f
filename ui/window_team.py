# SPDX-License-Identifier: MIT
"""The main window's team actions: resolve a draft changed on two PCs.

A mixin of `ui.main_window.MainWindow`; the work is in `star_desktop.team` (no Qt).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QStatusBar, QWidget

from star_desktop.drafts import DraftsService
from star_desktop.storage import StorageError
from star_desktop.team.conflicts import Conflict, conflicts, keep_mine, take_theirs
from ui.calendar_pane import CalendarPane
from ui.draft_session import DraftSession
from ui.team_conflict_dialog import KEEP_MINE, TAKE_THEIRS, TeamConflictDialog
from ui.team_status import TeamStatus


class TeamActions:
    """Show each draft in conflict with the team server and apply the author's choice."""

    service: DraftsService
    session: DraftSession
    calendar_pane: CalendarPane
    team: TeamStatus | None

    if TYPE_CHECKING:

        def inform(self, title: str, text: str) -> None: ...  # noqa: D102
        def statusBar(self) -> QStatusBar: ...  # noqa: D102, N802
        def _refresh_lists(self) -> None: ...

    def resolve_team_conflicts(self) -> int:
        """Ask about each draft in conflict; returns how many were resolved."""
        self.session.flush()  # the open draft's latest words are this PC's copy
        resolved = 0
        for conflict in conflicts(self.service.store):
            choice = self.ask_conflict(conflict)
            if choice not in (KEEP_MINE, TAKE_THEIRS):
                continue
            try:
                if choice == KEEP_MINE:
                    keep_mine(self.service.store, conflict.draft_id)
                else:
                    take_theirs(self.service, conflict.draft_id)
            except StorageError as exc:
                self.inform("Could not resolve", f"'{conflict.title}': {exc}")
                continue
            resolved += 1
            open_draft = self.session.draft
            if choice == TAKE_THEIRS and open_draft and open_draft.id == conflict.draft_id:
                self.session.open(conflict.draft_id)  # show the server's copy now
        if resolved:
            self._refresh_lists()
            self.statusBar().showMessage(
                f"Resolved {resolved} draft{'' if resolved == 1 else 's'}: syncing.", 5000
            )
            if self.team is not None:
                self.team.sync_now()
        return resolved

    def ask_conflict(self, conflict: Conflict) -> str:
        """The author's choice for ``conflict`` (tests answer for them)."""
        parent = self if isinstance(self, QWidget) else None
        dialog = TeamConflictDialog(conflict, parent)
        dialog.exec()
        return dialog.choice
