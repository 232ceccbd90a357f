"""A throwaway PostgreSQL cluster for the team tests: its own folder, a Unix socket only.

It listens on no network address (``listen_addresses = ''``), so the tests talk to it
through a socket file in the cluster's folder and nothing touches the network. Started
once per test session from Debian's ``postgresql`` binaries (``.ci/run`` installs them);
PostgreSQL refuses to run as root, so under root it runs as the ``postgres`` user.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path


def binaries() -> Path | None:
    """The folder of initdb and pg_ctl, or None when PostgreSQL is not installed."""
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(folder, "initdb").exists():
            return Path(folder)
    return None


class Cluster:
    """initdb, start, stop and restart one cluster; `url` names its ``star`` database."""

    def __init__(self, bin_dir: Path, port: int = 55432) -> None:
        """Make the cluster's folder (nothing runs yet)."""
        self.bin = bin_dir
        self.port = port
        self.folder = Path(tempfile.mkdtemp(prefix="star-pg-"))
        self.data = self.folder / "data"
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:
            shutil.chown(self.folder, "postgres", "postgres")

    @property
    def url(self) -> str:
        """A libpq address of the ``star`` database through the socket."""
        return f"postgresql:///star?host={self.folder}&port={self.port}&user=postgres"

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_postgres else []
        subprocess.run([*prefix, *command], check=True, capture_output=True, text=True)

    def create(self) -> None:
        """initdb (trusting local socket connections) and create the ``star`` database."""
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust")
        self.start()
        self._run(str(self.bin / "createdb"), "-h", str(self.folder), "-p", str(self.port),
                  "-U", "postgres", "star")  # fmt: skip

    def start(self) -> None:
        """Start the server, listening on the socket only."""
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=''"
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options, "-w",
                  "-l", str(self.folder / "log"), "start")  # fmt: skip

    def stop(self) -> None:
        """Stop the server at once (as a crash or a switched-off server would)."""
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def remove(self) -> None:
        """Stop if running and delete the cluster's folder."""
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)
