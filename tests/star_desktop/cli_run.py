"""Run the command line in process, as a script would: (exit status, stdout, stderr)."""

from __future__ import annotations

import io

from star_desktop.cli import main


def run(argv: list[str], stdin_text: str = "") -> tuple[int, str, str]:
    """``star-desktop ARGV`` with ``stdin_text`` on its input."""
    stdin = io.TextIOWrapper(io.BytesIO(stdin_text.encode("utf-8")), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    status = main(argv, stdin=stdin, stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()
