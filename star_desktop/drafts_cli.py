# SPDX-License-Identifier: MIT
"""The ``drafts`` and ``profile`` subcommands: parse, call the drafts service, print.

Every change goes through `star_desktop.drafts.DraftsService`, as the window's do: a
refusal is exit status 1 with each reason on stderr (a blocking finding names its
rule), exactly as the window words it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol, TextIO

import checks
from checks import AUDIENCES, PLATFORMS
from star_desktop.drafts import DraftsService, LockedError, RefusedError
from star_desktop.images import ImageError
from star_desktop.readiness import training_problem
from star_desktop.storage import (
    UNSET,
    Draft,
    DraftSummary,
    Image,
    InvalidValueError,
    Status,
    Store,
)
from star_desktop.storage.records import CATEGORY_NAMES, PEOPLE
from star_desktop.workflow import STATUS_LABELS

STATUSES = tuple(s.value for s in Status)
OK, REFUSED = 0, 1


class Subcommands(Protocol):
    """The part of argparse's subparsers action that `add_commands` uses."""

    def add_parser(self, name: str, *, help: str) -> argparse.ArgumentParser:  # noqa: D102
        ...


def _month(value: str) -> str:
    try:
        first = dt.date.fromisoformat(value + "-01")
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid month {value!r}: expected YYYY-MM") from None
    if not 2000 <= first.year <= 2999:
        raise argparse.ArgumentTypeError(f"invalid month {value!r}: a year from 2000 to 2999")
    return value


#: SQLite's largest integer: a larger draft id or count cannot be stored or looked up.
_LARGEST = 2**63 - 1


def _count(value: str) -> int:
    """A whole number from 0 (an image number, an engagement figure)."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if not 0 <= number <= _LARGEST:
        raise argparse.ArgumentTypeError(f"{value!r} is out of range (0 or more)")
    return number


def _draft_id(value: str) -> int:
    """A draft id: a whole number from 1 ('drafts list' shows them)."""
    try:
        number = int(value)
    except ValueError:
        number = 0
    if not 1 <= number <= _LARGEST:
        raise argparse.ArgumentTypeError(f"{value!r} is not a draft id")
    return number


def _time(value: str) -> dt.time:
    try:
        return dt.time.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid time {value!r}: expected HH:MM") from None


def add_commands(commands: Subcommands, date: Callable[[str], dt.date]) -> None:
    """Add ``drafts`` and ``profile`` to the subcommands of the ``star-desktop`` parser."""
    profile = commands.add_parser("profile", help="show or set the author and training date")
    profile.add_argument("--name", help="your name, as approvers will see it")
    profile.add_argument(
        "--training-date", type=date, help="the day you completed Data Protection training"
    )
    profile.add_argument("--json", action="store_true", help="print JSON")

    drafts = commands.add_parser("drafts", help="list, add, show, change and submit drafts")
    sub = drafts.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = sub.add_parser("list", help="list drafts in calendar order, or search them")
    listing.add_argument("--month", type=_month, help="only this month, YYYY-MM")
    listing.add_argument("--status", choices=STATUSES, help="only drafts with this status")
    listing.add_argument("--search", metavar="TEXT", help="full-text search, best first")
    listing.add_argument("--archived", action="store_true", help="include archived drafts")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.add_argument(
        "--team", action="store_true", help="everyone's posts, with their authors (after a sync)"
    )
    new = sub.add_parser("new", help="add a draft")
    new.add_argument("--title", required=True)
    new.add_argument("--text-file", metavar="FILE", help="the text, from a file or - for stdin")
    _add_details(new, date)
    new.add_argument("--json", action="store_true", help="print the draft as JSON")
    show = sub.add_parser("show", help="show a draft, its readiness and its history")
    show.add_argument("id", type=_draft_id)
    show.add_argument("--json", action="store_true", help="print JSON")
    change = sub.add_parser("set", help="change a draft's details (not its status)")
    change.add_argument("id", type=_draft_id)
    change.add_argument("--title")
    _add_details(change, date)
    for name, helptext in (
        ("submit", "submit for approval (refused, with reasons, unless ready)"),
        ("withdraw", "take a submitted post back to draft to edit it"),
        ("reopen", "edit an approved, published or rejected post again (voids an approval)"),
    ):
        sub.add_parser(name, help=helptext).add_argument("id", type=_draft_id)
    archive = sub.add_parser("archive", help="archive a draft (or --restore it)")
    archive.add_argument("id", type=_draft_id)
    archive.add_argument("--restore", action="store_true", help="bring it back")
    delete = sub.add_parser("delete", help="delete a draft that was never submitted")
    delete.add_argument("id", type=_draft_id)
    delete.add_argument("--yes", action="store_true", help="confirm: it cannot be undone")
    attach = sub.add_parser("attach", help="attach an image (its metadata is removed)")
    attach.add_argument("id", type=_draft_id)
    attach.add_argument("image", help="a PNG, JPEG, GIF or WebP file (it is not changed)")
    attach.add_argument("--alt", default="", help="alt text: what the image shows")
    detach = sub.add_parser("detach", help="take image N off a draft")
    detach.add_argument("id", type=_draft_id)
    detach.add_argument("number", type=_count, metavar="N", help="1 for the first image")
    image = sub.add_parser("image", help="set image N's alt text and confirm what it shows")
    image.add_argument("id", type=_draft_id)
    image.add_argument("number", type=_count, metavar="N", help="1 for the first image")
    image.add_argument("--alt", help="alt text")
    image.add_argument(
        "--no-personal-info", action="store_true", help="confirm: no personal information"
    )
    image.add_argument(
        "--no-security-details",
        action="store_true",
        help="confirm: no security details of buildings, facilities or equipment",
    )
    image.add_argument("--people", choices=PEOPLE, help="who can be identified in it")
    image.add_argument("--consent", default="", help="consent reference (people identifiable)")
    image.add_argument(
        "--shrink-for", choices=PLATFORMS, help="replace it with a copy small enough for it"
    )
    figures = sub.add_parser("engagement", help="record a published post's figures")
    figures.add_argument("id", type=_draft_id)
    figures.add_argument("--platform", required=True, choices=PLATFORMS)
    figures.add_argument("--impressions", type=_count, required=True)
    figures.add_argument("--engagements", type=_count, required=True)
    figures.add_argument("--clicks", type=_count, default=0)
    publish = sub.add_parser("publish", help="mark an approved post published")
    publish.add_argument("id", type=_draft_id)
    publish.add_argument("--url", default="", help="where it was published")


def _add_details(parser: argparse.ArgumentParser, date: Callable[[str], dt.date]) -> None:
    parser.add_argument("--platform", action="append", choices=PLATFORMS, help="repeatable")
    parser.add_argument("--audience", action="append", choices=AUDIENCES, help="repeatable")
    parser.add_argument("--date", type=date, help="scheduled date, YYYY-MM-DD")
    parser.add_argument("--time", type=_time, help="scheduled time, HH:MM")
    parser.add_argument("--category", choices=CATEGORY_NAMES, help="Appendix A content category")


def run(
    args: argparse.Namespace,
    store: Store,
    policy: Callable[[], checks.Policy],
    streams: tuple[TextIO, TextIO, TextIO],
    read_text: Callable[[str, TextIO, int], str],
) -> int:
    """Run ``profile`` or ``drafts ACTION``; returns the exit status (0, or 1 when refused).

    Args:
        args: The parsed arguments.
        store: The open database.
        policy: Loads the policy (only the actions that check text need it).
        streams: stdin, stdout and stderr.
        read_text: Reads ``--text-file`` (refusing a text over the length limit given).
    """
    stdin, stdout, stderr = streams
    service = DraftsService(store, policy() if _needs_policy(args) else None)
    try:
        if args.command == "profile":
            _profile(args, service, stdout)
        else:
            _drafts(args, service, stdin, stdout, read_text)
    except ImageError as bad:
        raise InvalidValueError(str(bad)) from None
    except LockedError as locked:
        stderr.write(f"star-desktop: draft {args.id} was not changed:\n  - {locked}\n")
        return REFUSED
    except RefusedError as refused:
        verb = refused.action.replace("-", " ")
        stderr.write(f"star-desktop: draft {args.id} was not {_past(verb)}:\n")
        stderr.write("".join(f"  - {reason}\n" for reason in refused.reasons))
        return REFUSED
    return OK


def _needs_policy(args: argparse.Namespace) -> bool:
    """Checking needs the policy, and so does text read in (its length limit)."""
    if args.command != "drafts":
        return False
    return args.action in ("show", "submit") or bool(getattr(args, "text_file", None))


def _past(verb: str) -> str:
    done = {"submit": "submitted", "withdraw": "withdrawn", "reopen": "reopened",
            "archive": "archived", "restore": "restored", "delete": "deleted",
            "publish": "published", "engagement": "updated"}  # fmt: skip
    return done.get(verb, f"changed ({verb})")


def _profile(args: argparse.Namespace, service: DraftsService, stdout: TextIO) -> None:
    if args.name is not None or args.training_date is not None:
        service.set_profile(args.name, args.training_date)
    person = service.profile()
    name = person.name if person else ""
    trained = person.dp_training if person else None
    if args.json:
        out = {"name": name, "training_date": trained.isoformat() if trained else None}
        json.dump(out, stdout, indent=2)
        stdout.write("\n")
        return
    problem = training_problem(person, service.today())
    stdout.write(f"Name: {name or '(not set)'}\n")
    stdout.write(
        f"Data Protection training: {trained.isoformat() if trained else '(not recorded)'}\n"
    )
    if problem:
        stdout.write(f"{problem}\n")


def _drafts(
    args: argparse.Namespace,
    service: DraftsService,
    stdin: TextIO,
    stdout: TextIO,
    read_text: Callable[[str, TextIO, int], str],
) -> None:
    action = args.action
    if action == "list" and args.team:
        _print_team(service, stdout, as_json=args.json)
    elif action == "list":
        found = service.list_drafts(
            month=args.month, status=args.status, search=args.search, archived=args.archived
        )
        _print_list(found, args.json, stdout)
    elif action == "new":
        limit = service.policy.max_text_chars
        text = read_text(args.text_file, stdin, limit) if args.text_file else ""
        draft = service.create(
            args.title, text, platforms=args.platform or (), audiences=args.audience or (),
            date=args.date, time=args.time, category=args.category,
        )  # fmt: skip
        _print_draft(draft, args.json, stdout, f"Created draft {draft.id}: {draft.title}")
    elif action == "show":
        draft = service.get(args.id)
        _show(service, draft, args.json, stdout)
    elif action == "set":
        draft = service.update(args.id, **_details(args))
        stdout.write(f"Draft {draft.id} is now version {draft.version}: {_line(draft)}\n")
    elif action == "engagement":
        service.record_engagement(
            args.id, args.platform, impressions=args.impressions,
            engagements=args.engagements, clicks=args.clicks,
        )  # fmt: skip
        stdout.write(f"Recorded draft {args.id}'s figures on {args.platform}.\n")
    elif action in ("attach", "detach", "image"):
        _images(args, service, stdout)
    elif action == "delete":
        service.delete(args.id, confirmed=args.yes)
        stdout.write(f"Deleted draft {args.id}.\n")
    else:
        draft = _transition(service, args)
        stdout.write(f"Draft {draft.id} is now {STATUS_LABELS[draft.status].lower()}.\n")


def _images(args: argparse.Namespace, service: DraftsService, stdout: TextIO) -> None:
    if args.action == "attach":
        image = service.attach(args.id, Path(args.image), args.alt)
        number = len(service.store.images(args.id))
        stdout.write(f"Attached image {number} to draft {args.id}: {_image_line(image)}\n")
        stdout.write(
            f"Removed: {', '.join(image.removed)}\n"
            if image.removed
            else "Removed: nothing (it carried no location, camera or author details)\n"
        )
        return
    if args.action == "detach":
        service.detach(args.id, args.number)
        stdout.write(f"Detached image {args.number} from draft {args.id}.\n")
        return
    image = service.image_of(args.id, args.number)
    if args.alt is not None:
        image = service.set_alt(args.id, args.number, args.alt)
    confirming = args.no_personal_info or args.no_security_details or args.people
    if confirming:
        image = service.confirm_image(
            args.id, args.number, no_personal=args.no_personal_info or image.no_personal,
            no_security=args.no_security_details or image.no_security,
            people=args.people or image.people,
            consent=args.consent,
        )  # fmt: skip
    if args.shrink_for:
        image = service.shrink_image(args.id, args.number, args.shrink_for)
    stdout.write(f"Image {args.number} of draft {args.id}: {_image_line(image)}\n")


def _image_line(image: Image) -> str:
    checks_done = "confirmed" if image.no_personal and image.no_security else "not yet confirmed"
    people = {"": "people: not answered", "none": "no one identifiable"}.get(
        image.people, f"people: {image.people}, consent {image.consent or '(none)'}"
    )
    alt = f"alt \u201c{image.alt}\u201d" if image.alt else "no alt text"
    return (
        f"{image.format} {image.width}x{image.height}, {image.bytes / 1e6:.2f} MB, "
        f"sha256 {image.sha256[:12]}; {alt}; {checks_done}; {people}"
    )


def _transition(service: DraftsService, args: argparse.Namespace) -> Draft:
    if args.action == "submit":
        return service.submit(args.id)
    if args.action == "withdraw":
        return service.withdraw(args.id)
    if args.action == "reopen":
        return service.reopen(args.id)
    if args.action == "publish":
        return service.publish(args.id, args.url)
    return service.restore(args.id) if args.restore else service.archive(args.id)


def _details(args: argparse.Namespace) -> dict[str, Any]:
    values = {
        "title": args.title,
        "platforms": args.platform,
        "audiences": args.audience,
        "date": args.date,
        "time": args.time,
        "category": args.category,
    }
    return {key: UNSET if value is None else value for key, value in values.items()}


def _line(draft: Draft | DraftSummary) -> str:
    date = draft.date.isoformat() if draft.date else "(no date)"
    time = draft.time.isoformat("minutes") if draft.time else ""
    example = "  (example)" if draft.example else ""
    return (
        f"{draft.id:>5}  {date:<10} {time:<5}  {draft.status.value:<9}  "
        f"{draft.category or '-':<23} {draft.title}{example}"
    )


def _print_list(found: list[DraftSummary], as_json: bool, stdout: TextIO) -> None:
    if as_json:
        json.dump([d.to_dict() for d in found], stdout, ensure_ascii=False, indent=2)
        stdout.write("\n")
        return
    stdout.write("".join(_line(d) + "\n" for d in found))
    stdout.write(f"{len(found)} draft{'s' if len(found) != 1 else ''}\n")


def _print_team(service: DraftsService, stdout: TextIO, *, as_json: bool) -> None:
    """This PC's drafts and the team's posts fetched by the last sync, with their authors."""
    from star_desktop.team.sync import team_posts

    me = service.author() or "me"
    posts = [
        {"author": me, "title": d.title, "date": d.date.isoformat() if d.date else None,
         "status": d.status.value, "platforms": list(d.platforms)}
        for d in service.list_drafts() if not d.example
    ] + [
        {"author": p["author"], "title": p["title"], "date": p["date"], "status": p["status"],
         "platforms": p["platforms"]}
        for p in team_posts(service.store)
    ]  # fmt: skip
    posts.sort(key=lambda p: (p["date"] is None, p["date"] or "", p["title"]))
    if as_json:
        json.dump(posts, stdout, ensure_ascii=False, indent=2)
        stdout.write("\n")
        return
    for post in posts:
        day = post["date"] or "(no date)"
        stdout.write(f"{day:<12} {post['author'][:20]:<20} {post['status']:<10} {post['title']}\n")
    stdout.write(f"{len(posts)} posts\n")


def _print_draft(draft: Draft, as_json: bool, stdout: TextIO, text: str) -> None:
    if as_json:
        json.dump(draft.to_dict(), stdout, ensure_ascii=False, indent=2)
        stdout.write("\n")
    else:
        stdout.write(text + "\n")


def _show(service: DraftsService, draft: Draft, as_json: bool, stdout: TextIO) -> None:
    ready = service.readiness(draft.id)
    history = service.transitions(draft.id)
    if as_json:
        out = draft.to_dict()
        out["ready"] = ready.ready
        out["reasons"] = list(ready.reasons)
        out["history"] = [
            {"action": t.action, "from": t.from_status.value, "to": t.to_status.value,
             "person": t.person, "reason": t.reason, "at": t.at}
            for t in history
        ]  # fmt: skip
        json.dump(out, stdout, ensure_ascii=False, indent=2)
        stdout.write("\n")
        return
    lines = [
        _line(draft).strip(),
        f"platforms: {', '.join(draft.platforms) or '-'}; "
        f"audiences: {', '.join(draft.audiences) or '-'}; "
        f"version {draft.version}; updated {draft.updated}",
        "",
        draft.text,
        "",
    ]
    for number, image in enumerate(service.store.images(draft.id), 1):
        lines.append(f"Image {number}: {_image_line(image)}")
    for figures in service.store.engagement(draft.id):
        lines.append(
            f"On {figures.platform}: {figures.impressions:,} impressions, "
            f"{figures.engagements:,} engagements, {figures.clicks:,} clicks"
        )
    if draft.status in (Status.DRAFT, Status.CHANGES_REQUESTED):
        lines.append("Ready to submit." if ready.ready else "Not ready to submit:")
        lines += [f"  - {reason}" for reason in ready.reasons]
    for t in history:
        why = f" ({t.reason})" if t.reason else ""
        lines.append(f"{t.at[:16].replace('T', ' ')}  {t.action} by {t.person or '-'}{why}")
    stdout.write("\n".join(lines) + "\n")
