# SPDX-License-Identifier: MIT
"""The ``star-desktop`` command line: parse, call the domain, print, return an exit status."""

from __future__ import annotations

import argparse
import datetime as dt
import enum
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn, TextIO, cast

import checks
from star_desktop import __version__, paths
from star_desktop.report_text import render
from star_desktop.storage import ReadOnlyError, StorageError, UnusableDatabaseError


class ExitStatus(enum.IntEnum):
    """The exit statuses of DESIGN.md."""

    OK = 0
    BLOCKED = 1
    USAGE = 2


class UsageError(Exception):
    """A usage or input error: reported on one line of stderr, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{self.prog} --help')")


def build_parser(*, commands_too: bool = True) -> argparse.ArgumentParser:
    """The argument parser for every subcommand.

    ``commands_too=False`` leaves out the storage and pack commands, whose modules take
    about 60 ms to import: a launch of the window names none of them.
    """
    parser = _Parser(
        prog="star-desktop",
        description="Plan, draft and check STAR Procurement social media posts, offline.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {__version__} (policy {shipped_policy_version()})",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation (policy, every rule family, database, images, packs, "
        "window) and exit 1 naming the first failure",
    )
    parser.add_argument("--db", metavar="PATH", help="database file (or STAR_DESKTOP_DB)")
    parser.add_argument(
        "--policy", metavar="PATH", help="administrator's policy file (or STAR_DESKTOP_POLICY)"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    check = commands.add_parser("check", help="check a post against the policy")
    check.add_argument(
        "--platform",
        action="append",
        choices=checks.PLATFORMS,
        help="platform the post is for (repeatable; default x)",
    )
    check.add_argument(
        "--audience", action="append", choices=checks.AUDIENCES, help="audience (repeatable)"
    )
    check.add_argument("--date", type=_date, help="scheduled date, YYYY-MM-DD (default today)")
    check.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    check.add_argument("file", nargs="?", default="-", help="file to check, or - for stdin")
    parser.add_argument(
        "--no-sample", action="store_true", help="do not fill a new database with the sample"
    )
    if commands_too:
        add_storage_commands(commands)
    return parser


def window_only(arguments: Sequence[str]) -> bool:
    """True when ``arguments`` only open the window: options, and the paths they take."""
    takes_value = {"--db", "--policy"}
    words = iter(arguments)
    for word in words:
        if word in takes_value:
            next(words, None)
        elif not word.startswith("--") or word in ("--help", "--version", "--self-test"):
            return False
    return True


def shipped_policy_version() -> str:
    """The shipped policy's version, read from its file (no rules compiled)."""
    import tomllib

    try:
        with (paths.resources_dir() / "policy" / "policy.toml").open("rb") as handle:
            return str(tomllib.load(handle).get("version", "unknown"))
    except (OSError, tomllib.TOMLDecodeError):
        return "unreadable"


def add_storage_commands(commands: argparse._SubParsersAction[_Parser]) -> None:
    """Add ``drafts`` and ``profile`` (`star_desktop.drafts_cli`) and ``db``."""
    from star_desktop import drafts_cli
    from star_desktop.storage import commands as db_commands

    drafts_cli.add_commands(commands, _date)
    db_commands.add_commands(commands)
    from star_desktop import packs_cli

    packs_cli.add_commands(commands, _date)
    from star_desktop import team_cli

    team_cli.add_commands(commands)


def run_storage(
    args: argparse.Namespace, stdin: TextIO, stdout: TextIO, stderr: TextIO
) -> ExitStatus:
    """Run a ``drafts``, ``profile`` or ``db`` command; storage errors are usage errors."""
    from star_desktop import drafts_cli
    from star_desktop.packs.archive import PackError
    from star_desktop.storage import Store
    from star_desktop.storage import commands as db_commands

    try:
        if args.command == "db":
            return ExitStatus(db_commands.run(args, stdout))
        streams = (stdin, stdout, stderr)
        with Store.open(paths.db_path(args.db), sample=not args.no_sample) as store:
            policy = lambda: load_policy(args.policy)  # noqa: E731 (loaded only if needed)
            if args.command == "team":
                from star_desktop import team_cli

                return ExitStatus(team_cli.run(args, store, policy, stdout))
            if args.command in ("pack", "decisions", "keys", "audit"):
                from star_desktop import packs_cli

                return ExitStatus(packs_cli.run(args, store, policy, stdout, stderr))
            return ExitStatus(drafts_cli.run(args, store, policy, streams, read_text))
    except UnusableDatabaseError as exc:
        raise UsageError(f"{exc} {COMMAND_RECOVERY}") from None
    except ReadOnlyError as exc:
        raise UsageError(f"{exc} {read_only_remedy(exc.path)}") from None
    except StorageError as exc:
        raise UsageError(str(exc)) from None
    except PackError as exc:
        raise UsageError(str(exc)) from None


#: Commands that open the database.
STORE_COMMANDS = ("drafts", "profile", "db", "pack", "decisions", "keys", "audit", "team")

#: The command line's way out of an unusable database (the window offers buttons).
COMMAND_RECOVERY = (
    "Run 'star-desktop db restore --latest' for the latest automatic backup, or "
    "'star-desktop db fresh' to set the file aside and start afresh."
)


def read_only_remedy(database: Path | None) -> str:
    """The command line's way to change a database that cannot be written (reading works)."""
    folder = f" to {database.parent}" if database else ""
    return (
        "To change it, copy it to a folder you can write and give the copy with --db "
        f"(or STAR_DESKTOP_DB), or ask for write access{folder}."
    )


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid date {value!r}: expected YYYY-MM-DD") from None


def read_text(name: str, stdin: TextIO, limit: int | None = None) -> str:
    """The text of ``name`` (``-`` for stdin), as UTF-8; `UsageError` when unreadable.

    With ``limit`` (characters), at most about four bytes a character are read: a text
    over the limit is refused without reading the rest (``/dev/zero`` ends too).
    """
    most = -1 if limit is None else 4 * limit + 4
    try:
        if name == "-":
            stream = stdin.buffer if hasattr(stdin, "buffer") else None
            data = stream.read(most) if stream is not None else stdin.read().encode()
        else:
            with Path(name).open("rb") as handle:
                data = handle.read(most)
    except FileNotFoundError:
        raise UsageError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"{name}: is a folder, not a file") from None
    except OSError as exc:
        raise UsageError(f"{name}: cannot read ({exc.strerror})") from None
    try:
        text = data.decode("utf-8-sig", errors="strict" if len(data) != most else "ignore")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{name}: not UTF-8 text (byte {exc.start})") from None
    if limit is not None and (len(text) > limit or len(data) == most):
        raise UsageError(
            f"{name}: longer than {limit:,} characters, the most a post may be "
            "(the policy's [settings] max_text_kb)"
        )
    return text.replace("\r\n", "\n")


def load_policy(option: str | None) -> checks.Policy:
    """The shipped policy, IT's central file and the administrator's file, merged."""
    path = paths.policy_path(option)
    central = paths.central_policy_path()
    try:
        if path is None and central is None:
            return checks.default_policy()
        return checks.load_policy(path, central=central)
    except checks.PolicyError as exc:
        raise UsageError(f"bad policy file: {exc}") from None


def run_check(args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> ExitStatus:
    """``star-desktop check``: print the report, exit 1 when anything blocks."""
    policy = load_policy(args.policy)
    text = read_text(args.file, stdin, policy.max_text_chars)
    report = checks.check(
        text,
        platforms=args.platform or ("x",),
        audiences=args.audience or (),
        date=args.date,
        policy=policy,
    )
    if args.format == "json":
        json.dump(report.to_dict(), stdout, ensure_ascii=False, indent=2)
        stdout.write("\n")
    else:
        stdout.write(render(report, "<stdin>" if args.file == "-" else args.file))
    return ExitStatus.BLOCKED if report.blocking else ExitStatus.OK


def _pack_to_open(arguments: list[str]) -> Path | None:
    """Take a ``.starpack`` file off the end of the arguments: the app opens it to review.

    Only when no command is given (``pack verify FILE.starpack`` keeps its file).
    """
    commands = {"check", *STORE_COMMANDS}
    if commands & set(arguments):
        return None
    if arguments and arguments[-1].lower().endswith(".starpack"):
        return Path(arguments.pop()).resolve()
    return None


#: Control characters a title or text may hold ("\x1b[31m" would colour the terminal),
#: each shown as the replacement character; line ends and tabs are kept.
_CONTROLS = {c: "\ufffd" for c in [*range(0, 9), 11, 12, *range(14, 32), *range(127, 160)]}


class SafeOutput:
    """Writes text as a terminal shows it: no control characters, nothing unencodable.

    On a console that cannot show a character (a Windows code page and an emoji) a '?'
    takes its place, instead of an error after the work is done: a script would retry
    and make a duplicate.
    """

    def __init__(self, stream: TextIO) -> None:
        """Write to ``stream``."""
        self.stream = stream
        encoding = getattr(stream, "encoding", None) or "utf-8"
        self.encoding = encoding

    def write(self, text: str) -> int:
        """Write ``text`` cleaned of control characters and of what cannot be encoded."""
        cleaned = text.translate(_CONTROLS)
        try:
            cleaned.encode(self.encoding)
        except (UnicodeEncodeError, LookupError):
            cleaned = cleaned.encode(self.encoding, "replace").decode(self.encoding, "replace")
        return self.stream.write(cleaned)

    def flush(self) -> None:
        """Flush the stream underneath."""
        self.stream.flush()

    def __getattr__(self, name: str) -> object:
        """Everything else as the stream has it (``buffer``, ``isatty`` ...)."""
        return getattr(self.stream, name)


def main(
    argv: Sequence[str] | None = None,
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run the command line; returns the exit status (0 fine, 1 blocked, 2 usage error)."""
    stdin, stdout, stderr = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr
    stdout = cast(TextIO, SafeOutput(stdout))
    stderr = cast(TextIO, SafeOutput(stderr))
    try:
        arguments = list(sys.argv[1:] if argv is None else argv)
        opened = _pack_to_open(arguments)
        args = build_parser(commands_too=not window_only(arguments)).parse_args(arguments)
        if args.self_test:
            from star_desktop.self_test import run as self_test

            return self_test(args.policy, stdout)
        if args.command == "check":
            return run_check(args, stdin, stdout)
        if args.command in (
            "drafts",
            "profile",
            "db",
            "pack",
            "decisions",
            "keys",
            "audit",
            "team",
        ):
            return run_storage(args, stdin, stdout, stderr)
        from ui.app import run_app  # Qt loads only when the window opens

        return run_app(args.db, args.policy, sample=not args.no_sample, open_file=opened)
    except UsageError as exc:
        stderr.write(f"star-desktop: {exc}\n")
        return ExitStatus.USAGE
    except BrokenPipeError:
        return ExitStatus.OK


if __name__ == "__main__":
    sys.exit(main())
