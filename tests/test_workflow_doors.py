"""Every transition through all three doors: the service, the command line, the window.

Each case puts a draft in a starting status, then takes one action through one door,
and asserts the same outcome (the status after, or the draft gone) and, when refused,
the same reasons, word for word. The window is driven through its real widgets.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import os
from collections.abc import Callable

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QMenu

from star_desktop.cli import main
from star_desktop.drafts import DraftsService, RefusedError, text_sha256
from star_desktop.storage import Status, Store, UnknownDraftError
from star_desktop.workflow import Action
from ui.main_window import MainWindow

pytestmark = pytest.mark.ui

CLEAN = "Join us at the Meet the Buyer event in Rochdale on Thursday."
PHONE = "Questions? Call Dave on 07700 900456 any weekday."
TRAINED = dt.date.today() - dt.timedelta(days=30)


def ready_draft(service: DraftsService, text: str = CLEAN) -> int:
    draft = service.create(
        "Meet the Buyer", text, platforms=("x",), audiences=("bidders",),
        category="upcoming-event",
    )  # fmt: skip
    return draft.id


def submitted(service: DraftsService) -> int:
    return service.submit(ready_draft(service)).id


def approved(service: DraftsService) -> int:
    draft = service.get(submitted(service))
    return service.decide(draft.id, "approve", "Pat Manager", text_sha256(draft), "").id


def archived(service: DraftsService) -> int:
    return service.archive(ready_draft(service)).id


def once_submitted(service: DraftsService) -> int:
    return service.withdraw(submitted(service)).id


def blocked(service: DraftsService) -> int:
    return ready_draft(service, PHONE)


@dataclasses.dataclass(frozen=True)
class Case:
    action: str
    setup: Callable[[DraftsService], int]
    after: Status | None  # None: the draft is gone
    reason: str = ""  # a refusal's first reason starts with this

    @property
    def refused(self) -> bool:
        return bool(self.reason)


CASES = [
    Case("submit", ready_draft, Status.SUBMITTED),
    Case("submit", blocked, Status.DRAFT, "Blocking (personal-data.phone): \u201807700 900456"),
    Case("submit", submitted, Status.SUBMITTED, "Cannot submit a post whose status is"),
    Case("withdraw", submitted, Status.DRAFT),
    Case("withdraw", approved, Status.APPROVED, "Cannot withdraw a post whose status is"),
    Case("reopen", approved, Status.DRAFT),
    Case("publish", approved, Status.PUBLISHED),
    Case("archive", ready_draft, Status.ARCHIVED),
    Case("archive", submitted, Status.SUBMITTED, "Cannot archive a post whose status is"),
    Case("restore", archived, Status.DRAFT),
    Case("delete", ready_draft, None),
    Case("delete", once_submitted, Status.DRAFT, "It was submitted for approval once"),
]
IDS = [f"{c.action}-{c.setup.__name__}-{'refused' if c.refused else 'done'}" for c in CASES]


@pytest.fixture
def fresh(tmp_path, policy):
    """A database with a trained author and a service on it, as every door sees it."""

    def make(case: Case) -> tuple[Store, DraftsService, int]:
        store = Store.open(tmp_path / "star.db", sample=False)
        service = DraftsService(store, policy)
        service.set_profile("Sam Taylor", TRAINED)
        return store, service, case.setup(service)

    return make


def outcome(store: Store, draft_id: int) -> Status | None:
    try:
        return store.get(draft_id).status
    except UnknownDraftError:
        return None


# the three doors: each returns the reasons of a refusal, or () when done


def through_service(service: DraftsService, case: Case, draft_id: int) -> tuple[str, ...]:
    calls = {
        "submit": service.submit, "withdraw": service.withdraw, "reopen": service.reopen,
        "publish": service.publish, "archive": service.archive, "restore": service.restore,
        "delete": lambda i: service.delete(i, confirmed=True),
    }  # fmt: skip
    try:
        calls[case.action](draft_id)
    except RefusedError as refused:
        return refused.reasons
    return ()


def through_cli(db: str, case: Case, draft_id: int) -> tuple[str, ...]:
    argv = ["--db", db, "drafts", case.action, str(draft_id)]
    if case.action == "restore":
        argv = ["--db", db, "drafts", "archive", str(draft_id), "--restore"]
    if case.action == "delete":
        argv.append("--yes")
    out, err = io.StringIO(), io.StringIO()
    status = main(argv, stdout=out, stderr=err)
    if status == 0:
        assert err.getvalue() == ""
        return ()
    assert status == 1, err.getvalue()
    lines = err.getvalue().splitlines()
    assert lines[0].startswith(f"star-desktop: draft {draft_id} was not ")
    return tuple(line.removeprefix("  - ") for line in lines[1:])


def through_window(qtbot, window: MainWindow, case: Case, draft_id: int) -> tuple[str, ...]:
    """Open the draft, then use the Post menu (or the submit button, or the lock bar)."""
    window.open_draft(draft_id)
    before = len(window.messages)
    item = window.post_actions[Action(case.action)]
    if not item.isEnabled():  # greyed out, and its tooltip says why
        assert item.toolTip()
        return (item.toolTip(),)
    if case.action == "submit":
        qtbot.mouseClick(window.metadata_bar.submit_button, Qt.MouseButton.LeftButton)
    elif case.action in ("withdraw", "reopen", "restore"):
        assert window.lock_bar.isVisible()
        qtbot.mouseClick(window.lock_button, Qt.MouseButton.LeftButton)
    elif case.action == "publish":
        qtbot.mouseClick(window.publish_button, Qt.MouseButton.LeftButton)
    elif case.action == "archive":
        through_list_menu(window, draft_id, "Archive")
    else:
        window.draft_list.select_draft(draft_id)
        qtbot.keyClick(window.draft_list.drafts_view, Qt.Key.Key_Delete)
    new = window.messages[before:]
    if not new:
        return ()
    (message,) = new
    return tuple(line.removeprefix("\u2022 ") for line in message.splitlines() if "\u2022" in line)


def through_list_menu(window: MainWindow, draft_id: int, label: str) -> None:
    """Right-click the draft in the drafts list and choose ``label``."""
    view = window.draft_list.drafts_view
    window.draft_list.select_draft(draft_id)
    where = view.visualItemRect(view.currentItem()).center()
    view.customContextMenuRequested.emit(QPoint(where))
    menu: QMenu = window.draft_list.context_menu
    (chosen,) = [a for a in menu.actions() if a.text().rstrip("\u2026") == label]
    menu.close()
    chosen.trigger()


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_every_door_gives_the_same_outcome_and_reasons(case, fresh, tmp_path, qtbot, monkeypatch):
    results = {}
    # the service API
    store, service, draft_id = fresh(case)
    results["service"] = (through_service(service, case, draft_id), outcome(store, draft_id))
    store.close()
    (tmp_path / "star.db").unlink()
    # the command line, in process
    store, service, draft_id = fresh(case)
    store.close()
    reasons = through_cli(str(tmp_path / "star.db"), case, draft_id)
    with Store(tmp_path / "star.db") as reopened:
        results["cli"] = (reasons, outcome(reopened, draft_id))
    for name in ("star.db", "star.db-wal", "star.db-shm"):
        (tmp_path / name).unlink(missing_ok=True)
    # the window
    store, service, draft_id = fresh(case)
    messages: list[str] = []
    monkeypatch.setattr(MainWindow, "inform", lambda self, title, text: messages.append(text))
    monkeypatch.setattr(MainWindow, "confirm", lambda self, title, text: True)
    monkeypatch.setattr(MainWindow, "ask_address", lambda self: "")
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(store, service.policy, settings, check_delay_ms=5)
    window.messages = messages
    qtbot.addWidget(window)
    window.show()
    reasons = through_window(qtbot, window, case, draft_id)
    results["window"] = (reasons, outcome(store, draft_id))
    window.close()
    store.close()

    expected_status = case.after
    for door, (reasons, status) in results.items():
        assert status == expected_status, door
        assert bool(reasons) == case.refused, (door, reasons)
        if case.refused:
            assert reasons[0].startswith(case.reason), (door, reasons)
    assert results["service"][0] == results["cli"][0] == results["window"][0]


def test_no_door_lets_an_author_approve(fresh, tmp_path):
    case = CASES[0]
    store, service, draft_id = fresh(case)
    service.submit(draft_id)
    store.close()
    db = str(tmp_path / "star.db")
    for argv in (["drafts", "approve", str(draft_id)],
                 ["drafts", "set", str(draft_id), "--status", "approved"]):  # fmt: skip
        err = io.StringIO()
        assert main(["--db", db, *argv], stdout=io.StringIO(), stderr=err) == 2
    with Store(db) as reopened:
        assert reopened.get(draft_id).status is Status.SUBMITTED
        service = DraftsService(reopened)
        draft = reopened.get(draft_id)
        with pytest.raises(RefusedError, match="other text"):
            service.decide(draft_id, "approve", "Pat Manager", "0" * 64, "")
        assert reopened.get(draft_id).status is Status.SUBMITTED
        assert service.decide(draft_id, "approve", "Pat", text_sha256(draft), "").status is (
            Status.APPROVED
        )
