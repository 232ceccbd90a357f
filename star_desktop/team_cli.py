# SPDX-License-Identifier: MIT
"""``star-desktop team status`` and ``team sync``: IT checks a PC, tests drive two PCs.

Exit status: 0 up to date; 1 the server cannot be reached (or a draft is in conflict)
and changes wait here; 2 no team server is named in the policy (``[team] url``).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TextIO

import checks
from star_desktop.drafts import DraftsService
from star_desktop.storage import Store
from star_desktop.team import team_url
from star_desktop.team.conflicts import Conflict, NoConflictError, conflicts, keep_mine, take_theirs
from star_desktop.team.sync import TeamSync, TeamUnreachableError

OK, WAITING, NOT_CONFIGURED = 0, 1, 2


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``team status`` and ``team sync``."""
    team = commands.add_parser("team", help="the team calendar's server: status and sync")
    actions = team.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("status", help="say whether this PC is up to date with the server")
    actions.add_parser("sync", help="send this PC's changes and fetch the team's, now")
    resolve = actions.add_parser(
        "resolve", help="a draft changed here and on another PC: choose the copy to keep"
    )
    resolve.add_argument("draft", type=int, help="the draft's number (see 'team status')")
    choice = resolve.add_mutually_exclusive_group(required=True)
    choice.add_argument("--keep-mine", action="store_true", help="send this PC's copy")
    choice.add_argument("--take-theirs", action="store_true", help="take the server's copy")


def run(
    args: argparse.Namespace, store: Store, policy: Callable[[], checks.Policy], stdout: TextIO
) -> int:
    """Run ``team ACTION``; returns the exit status."""
    loaded = policy()
    url = team_url(loaded)
    if url is None:
        stdout.write("Team: no team server is named in the policy ([team] url).\n")
        return NOT_CONFIGURED
    service = DraftsService(store, loaded)
    sync = TeamSync(store, url, service.author())
    if args.action == "resolve":
        return _resolve(args, service, stdout)
    if args.action == "status":
        waiting, found = sync.waiting(), conflicts(store)
        stdout.write(_status(waiting, found) + "\n")
        return OK if not waiting and not found else WAITING
    try:
        result = sync.sync()
    except TeamUnreachableError as exc:
        waiting = sync.waiting()
        stdout.write(f"Team: offline ({exc}); {_changes(waiting)} waiting.\n")
        return WAITING if waiting else OK
    stdout.write(
        f"Team: sent {_changes(result.sent)}, fetched {result.fetched} of the team's posts. "
        + _status(result.waiting, conflicts(store))
        + "\n"
    )
    return OK if not result.waiting and not result.conflicts else WAITING


def _resolve(args: argparse.Namespace, service: DraftsService, stdout: TextIO) -> int:
    try:
        if args.keep_mine:
            kept = keep_mine(service.store, args.draft)
            stdout.write(
                f"Kept this PC's '{kept.title}': it goes to the server at the next sync.\n"
            )
        else:
            taken = take_theirs(service, args.draft)
            stdout.write(
                f"Took the server's copy: the draft is now '{taken.their_title}'. This "
                "PC's text stays among the draft's saved versions in the database.\n"
            )
    except NoConflictError as exc:
        stdout.write(f"Team: {exc}.\n")
        return WAITING
    return OK


def _changes(count: int) -> str:
    return f"{count} change{'' if count == 1 else 's'}"


def _status(waiting: int, conflicts: list[Conflict]) -> str:
    parts = ["Team: up to date." if not waiting else f"Team: {_changes(waiting)} waiting."]
    for conflict in conflicts:
        parts.append(
            f"'{conflict.title}' was changed on the server too (there: "
            f"'{conflict.their_title}'): both copies are kept until you choose with "
            f"'team resolve {conflict.draft_id} --keep-mine' or '--take-theirs'."
        )
    return " ".join(parts)
