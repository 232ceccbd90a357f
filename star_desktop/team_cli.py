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
from star_desktop.team.sync import TeamSync, TeamUnreachableError

OK, WAITING, NOT_CONFIGURED = 0, 1, 2


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``team status`` and ``team sync``."""
    team = commands.add_parser("team", help="the team calendar's server: status and sync")
    actions = team.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("status", help="say whether this PC is up to date with the server")
    actions.add_parser("sync", help="send this PC's changes and fetch the team's, now")


def team_url(policy: checks.Policy) -> str | None:
    """The team server named in the policy (``[team] url``), or None."""
    section = policy.data.get("team", {})
    url = section.get("url") if isinstance(section, dict) else None
    return url or None


def run(
    args: argparse.Namespace, store: Store, policy: Callable[[], checks.Policy], stdout: TextIO
) -> int:
    """Run ``team ACTION``; returns the exit status."""
    loaded = policy()
    url = team_url(loaded)
    if url is None:
        stdout.write("Team: no team server is named in the policy ([team] url).\n")
        return NOT_CONFIGURED
    sync = TeamSync(store, url, DraftsService(store, loaded).author())
    if args.action == "status":
        waiting, conflicts = sync.waiting(), sync.conflicts()
        stdout.write(_status(waiting, conflicts) + "\n")
        return OK if not waiting and not conflicts else WAITING
    try:
        result = sync.sync()
    except TeamUnreachableError as exc:
        waiting = sync.waiting()
        stdout.write(f"Team: offline ({exc}); {_changes(waiting)} waiting.\n")
        return WAITING if waiting else OK
    stdout.write(
        f"Team: sent {_changes(result.sent)}, fetched {result.fetched} of the team's posts. "
        + _status(result.waiting, sync.conflicts())
        + "\n"
    )
    return OK if not result.waiting and not result.conflicts else WAITING


def _changes(count: int) -> str:
    return f"{count} change{'' if count == 1 else 's'}"


def _status(waiting: int, conflicts: list[tuple[str, str]]) -> str:
    parts = ["Team: up to date." if not waiting else f"Team: {_changes(waiting)} waiting."]
    for mine, theirs in conflicts:
        parts.append(
            f"'{mine}' was changed on the server too (there: '{theirs}'): both copies are "
            "kept until you choose."
        )
    return " ".join(parts)
