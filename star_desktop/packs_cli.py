# SPDX-License-Identifier: MIT
"""The ``pack``, ``decisions``, ``keys`` and ``audit`` subcommands: parse, call, print."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Protocol, TextIO

import checks
from star_desktop.drafts import DraftsService
from star_desktop.packs import decisions, export
from star_desktop.packs.archive import PackError
from star_desktop.packs.keys import KeyFileError, installation_key
from star_desktop.packs.verify import verify_pack
from star_desktop.storage import Store, audit

OK, FAILED = 0, 1


class Subcommands(Protocol):
    """The part of argparse's subparsers action that `add_commands` uses."""

    def add_parser(self, name: str, *, help: str) -> argparse.ArgumentParser:  # noqa: D102
        ...


def _ids(value: str) -> tuple[int, ...]:
    try:
        ids = tuple(int(part) for part in value.split(",") if part.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid ids {value!r}: expected 1,2,3") from None
    if not ids:
        raise argparse.ArgumentTypeError("give at least one id")
    return ids


def _step(kind: str) -> Callable[[str], tuple[str, str]]:
    return lambda value: (kind, value)


def add_commands(commands: Subcommands, date: Callable[[str], dt.date]) -> None:
    """Add ``pack``, ``decisions``, ``keys`` and ``audit``."""
    pack = commands.add_parser("pack", help="export, verify and review approval packs")
    sub = pack.add_subparsers(dest="action", metavar="ACTION", required=True)
    out = sub.add_parser("export", help="export the submitted drafts of a period or a list")
    out.add_argument("--from", dest="first", type=date, help="first day, YYYY-MM-DD")
    out.add_argument("--to", dest="last", type=date, help="last day, YYYY-MM-DD")
    out.add_argument("--ids", type=_ids, default=(), help="draft ids: 1,2,3")
    out.add_argument("--out", required=True, help="the .starpack (or .pdf) to write")
    out.add_argument("--pdf-only", action="store_true", help="write only the PDF")
    check = sub.add_parser("verify", help="check a pack's zip, hashes and signature")
    check.add_argument("file")
    review = sub.add_parser("review", help="decide on a pack's posts and sign the decisions")
    review.add_argument("file")
    review.add_argument("--approver", required=True, help="your name")
    for flag, kind in (("--approve", "approve"), ("--request-changes", "changes"),
                       ("--reject", "reject")):  # fmt: skip
        review.add_argument(flag, dest="steps", action="append", type=_step(kind),
                            metavar="IDS", help="draft ids: 1,2,3")  # fmt: skip
    review.add_argument("--comment", dest="steps", action="append", type=_step("comment"),
                        metavar="TEXT", help="the comment for the ids before it")  # fmt: skip
    review.add_argument("--out", required=True, help="the decisions file to write")
    dec = commands.add_parser("decisions", help="import an approver's decisions")
    dsub = dec.add_subparsers(dest="action", metavar="ACTION", required=True)
    imp = dsub.add_parser("import", help="apply a signed decisions file")
    imp.add_argument("file")
    imp.add_argument(
        "--unverified",
        action="store_true",
        help="import although no approvers are listed in the policy (you trust the file)",
    )
    keys = commands.add_parser("keys", help="this installation's signing key")
    ksub = keys.add_subparsers(dest="action", metavar="ACTION", required=True)
    ksub.add_parser("show", help="print the key's fingerprint (last word), for IT")
    log = commands.add_parser("audit", help="verify or export the audit log")
    lsub = log.add_subparsers(dest="action", metavar="ACTION", required=True)
    lsub.add_parser("verify", help="exit 1 naming the first entry altered, removed or reordered")
    csv_out = lsub.add_parser("export", help="write the log as CSV")
    csv_out.add_argument("--csv", required=True, help="the CSV file to write")


def run(
    args: argparse.Namespace,
    store: Store,
    policy: Callable[[], checks.Policy],
    stdout: TextIO,
    stderr: TextIO,
) -> int:
    """Run one of the commands; returns the exit status (0, or 1 when a check fails).

    Raises:
        PackError: A pack, decisions file or key that cannot be used (exit status 2).
    """
    try:
        if args.command == "keys":
            key = installation_key()
            stdout.write(f"Key file: {key.path}\nFingerprint: {key.fingerprint}\n")
            return OK
        if args.command == "audit":
            return _audit(args, store, stdout, stderr)
        service = DraftsService(store, policy())
        if args.command == "decisions":
            return _import(args, service, stdout)
        if args.action == "export":
            return _export(args, service, stdout)
        if args.action == "verify":
            return _verify(Path(args.file), stdout, stderr)
        return _review(args, stdout)
    except KeyFileError as exc:
        raise PackError(str(exc)) from None


def _export(args: argparse.Namespace, service: DraftsService, stdout: TextIO) -> int:
    if args.ids and (args.first or args.last):
        raise PackError("give either --from and --to, or --ids, not both")
    chosen, skipped = export.choose(service, first=args.first, last=args.last, ids=args.ids)
    for draft_id, why in skipped:
        stdout.write(f"Skipped draft {draft_id}: {why}\n")
    period = (args.first, args.last) if args.first and args.last else None
    done = export.export_pack(
        service, installation_key(), Path(args.out), chosen, period=period, skipped=skipped,
        pdf_only=args.pdf_only,
    )  # fmt: skip
    what = "PDF" if args.pdf_only else "pack"
    stdout.write(
        f"Exported {len(done.included)} post{'s' if len(done.included) != 1 else ''} "
        f"({', '.join(str(i) for i in done.included)}) to the {what} {done.path}\n"
    )
    return OK


def _verify(path: Path, stdout: TextIO, stderr: TextIO) -> int:
    result = verify_pack(path)
    stdout.write("".join(f"ok: {line}\n" for line in result.checked))
    if result.problems:
        stderr.write("".join(f"FAILED: {line}\n" for line in result.problems))
        stderr.write(f"star-desktop: {path.name} did not verify\n")
        return FAILED
    stdout.write(f"{path.name}: verified\n")
    return OK


def _review(args: argparse.Namespace, stdout: TextIO) -> int:
    pack = verify_pack(Path(args.file))
    if not pack.ok:
        raise PackError(f"{Path(args.file).name} did not verify: {pack.problems[0]}")
    choices: dict[int, tuple[str, str]] = {}
    pending: list[int] = []
    for kind, value in args.steps or []:
        if kind == "comment":
            for draft_id in pending:
                choices[draft_id] = (choices[draft_id][0], value)
            pending = []
            continue
        ids = _ids(value)
        for draft_id in ids:
            choices[draft_id] = (kind, "")
        pending = list(ids)
    if not choices:
        raise PackError("decide on at least one post (--approve, --request-changes, --reject)")
    key = installation_key()
    data = decisions.make_decisions(pack, args.approver, key, choices)
    Path(args.out).write_bytes(data)
    stdout.write(
        f"Signed {len(choices)} decision{'s' if len(choices) != 1 else ''} as {args.approver} "
        f"(key {key.fingerprint}) into {args.out}\n"
    )
    return OK


def _import(args: argparse.Namespace, service: DraftsService, stdout: TextIO) -> int:
    result = decisions.import_decisions(
        service, Path(args.file), own_fingerprint=installation_key().fingerprint,
        allow_unverified=args.unverified,
    )  # fmt: skip
    for note in result.notes:
        stdout.write(f"{note}\n")
    for draft_id, decision in result.applied:
        stdout.write(f"Draft {draft_id}: {decision}\n")
    for draft_id, why in result.refused:
        stdout.write(f"Draft {draft_id}: not applied: {why}\n")
    return FAILED if result.refused else OK


def _audit(args: argparse.Namespace, store: Store, stdout: TextIO, stderr: TextIO) -> int:
    if args.action == "verify":
        problems = audit.verify(store.db)
        entries = audit.entries(store.db)
        if problems:
            stderr.write("".join(f"FAILED: {p}\n" for p in problems))
            return FAILED
        stdout.write(f"The audit log is sound: {len(entries)} entries, chain and statuses\n")
        return OK
    with Path(args.csv).open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "at", "person", "action", "draft", "status", "detail", "hash"])
        for e in audit.entries(store.db):
            writer.writerow([e.id, e.at, e.person, e.action, e.draft_id, e.status, e.detail,
                             e.hash])  # fmt: skip
    stdout.write(f"Wrote the audit log to {args.csv}\n")
    return OK
