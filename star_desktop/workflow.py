# SPDX-License-Identifier: MIT
"""The status machine of DESIGN.md's workflow: who may move a draft where, from where.

This module is the table only; `star_desktop.drafts.DraftsService` applies it, adds
the conditions that need the draft's text or the author's profile (readiness), and
records each change. Reading the table answers "what can happen to this draft now?"
for the window's menus and the command line's refusals alike.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from star_desktop.storage import Status


class Action(enum.StrEnum):
    """Something a person does to a draft that changes its status."""

    SUBMIT = "submit"
    WITHDRAW = "withdraw"
    APPROVE = "approve"
    REQUEST_CHANGES = "request-changes"
    REJECT = "reject"
    PUBLISH = "publish"
    REOPEN = "reopen"
    ARCHIVE = "archive"
    RESTORE = "restore"
    DELETE = "delete"


class Role(enum.StrEnum):
    """Who makes a transition: the post's author, or an approver through a decision."""

    AUTHOR = "author"
    APPROVER = "approver"


@dataclass(frozen=True, slots=True)
class Rule:
    """One transition: from which statuses, to which, by whom, and what must hold.

    Attributes:
        action: What is done.
        sources: The statuses it may start from.
        target: The status it leads to; None for `Action.RESTORE` (the status the draft
            had before it was archived) and `Action.DELETE` (the draft is gone).
        role: Who may do it.
        needs: What must hold besides the status, in words (the note and the help).
    """

    action: Action
    sources: frozenset[Status]
    target: Status | None
    role: Role
    needs: str


_EVERY = frozenset(Status)
#: Statuses whose text and details the author may change as they are.
EDITABLE: frozenset[Status] = frozenset({Status.DRAFT, Status.CHANGES_REQUESTED})

RULES: Mapping[Action, Rule] = MappingProxyType(
    {
        rule.action: rule
        for rule in (
            Rule(
                Action.SUBMIT,
                EDITABLE,
                Status.SUBMITTED,
                Role.AUTHOR,
                "readiness: no blocking finding unless ignored with a real reason; Data "
                "Protection training recorded, not in the future, within 12 months; a "
                "category, an audience and a platform; text; alt text on every image",
            ),
            Rule(
                Action.WITHDRAW,
                frozenset({Status.SUBMITTED}),
                Status.DRAFT,
                Role.AUTHOR,
                "nothing (editing a submitted post withdraws it, after asking)",
            ),
            Rule(
                Action.APPROVE,
                frozenset({Status.SUBMITTED}),
                Status.APPROVED,
                Role.APPROVER,
                "an approver's decision on exactly the submitted text (its SHA-256 matches)",
            ),
            Rule(
                Action.REQUEST_CHANGES,
                frozenset({Status.SUBMITTED}),
                Status.CHANGES_REQUESTED,
                Role.APPROVER,
                "an approver's decision with a comment",
            ),
            Rule(
                Action.REJECT,
                frozenset({Status.SUBMITTED}),
                Status.REJECTED,
                Role.APPROVER,
                "an approver's decision with a comment",
            ),
            Rule(
                Action.PUBLISH,
                frozenset({Status.APPROVED}),
                Status.PUBLISHED,
                Role.AUTHOR,
                "the approval still stands: the text is the one approved",
            ),
            Rule(
                Action.REOPEN,
                frozenset({Status.APPROVED, Status.PUBLISHED, Status.REJECTED}),
                Status.DRAFT,
                Role.AUTHOR,
                "the author chooses to edit; an approval is voided (recorded)",
            ),
            Rule(
                Action.ARCHIVE,
                _EVERY - {Status.SUBMITTED, Status.ARCHIVED},
                Status.ARCHIVED,
                Role.AUTHOR,
                "not waiting for approval (withdraw a submitted post first)",
            ),
            Rule(
                Action.RESTORE,
                frozenset({Status.ARCHIVED}),
                None,
                Role.AUTHOR,
                "nothing: the draft goes back to the status it had when archived",
            ),
            Rule(
                Action.DELETE,
                frozenset({Status.DRAFT}),
                None,
                Role.AUTHOR,
                "never submitted, and confirmed (archive keeps anything that was)",
            ),
        )
    }
)

#: Words for each status, as the window and the command line show them.
STATUS_LABELS: Mapping[Status, str] = MappingProxyType(
    {
        Status.DRAFT: "Draft",
        Status.SUBMITTED: "Submitted for approval",
        Status.APPROVED: "Approved",
        Status.CHANGES_REQUESTED: "Changes requested",
        Status.REJECTED: "Rejected",
        Status.PUBLISHED: "Published",
        Status.ARCHIVED: "Archived",
    }
)

_WHY_NOT: Mapping[Status, str] = MappingProxyType(
    {
        Status.SUBMITTED: "it is waiting for approval: withdraw it first",
        Status.APPROVED: "it is approved: reopen it to edit (that voids the approval)",
        Status.PUBLISHED: "it is published",
        Status.REJECTED: "it was rejected: reopen it to work on it again",
        Status.ARCHIVED: "it is archived: restore it first",
    }
)


def rule_for(action: Action | str) -> Rule:
    """The rule of ``action``; `ValueError` for an unknown action."""
    return RULES[Action(action)]


def refusal(action: Action, status: Status) -> str | None:
    """Why ``action`` cannot start from ``status``, or None when it can."""
    rule = RULES[action]
    if status in rule.sources:
        return None
    verb = action.value.replace("-", " ")
    because = _WHY_NOT.get(status, f"it is {STATUS_LABELS[status].lower()}")
    return f"Cannot {verb} a post whose status is {STATUS_LABELS[status].lower()}: {because}."


def locked_reason(status: Status) -> str | None:
    """Why a draft with ``status`` cannot be edited as it is, or None when it can."""
    if status in EDITABLE:
        return None
    return f"This post cannot be edited now: {_WHY_NOT[status]}."


def available(status: Status, role: Role = Role.AUTHOR) -> tuple[Action, ...]:
    """The actions ``role`` may take on a draft with ``status``, in the table's order."""
    return tuple(a for a, r in RULES.items() if r.role is role and status in r.sources)
