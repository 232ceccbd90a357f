# SPDX-License-Identifier: MIT
"""Check a built MSI with ``msiinfo`` (Debian's msitools): what council IT relies on.

    python packaging/windows/check_msi.py build/star-desktop.msi "dist/STAR Desktop"

Checks the UpgradeCode (in-place upgrades), ALLUSERS=1 (per machine), the upgrade rule
that removes an older version, the Start menu shortcut, the folder made for the central
policy under ProgramData with its registry record, and that every file of the bundle is
in the File table. Prints one line per check; exits 1 naming what is wrong.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_wxs import UPGRADE_CODE


def table(msi: Path, name: str) -> list[list[str]]:
    """The rows of one MSI table (the header rows dropped)."""
    out = subprocess.run(
        ["msiinfo", "export", str(msi), name], capture_output=True, text=True, check=True
    ).stdout
    return [line.split("\t") for line in out.splitlines()[3:]]


def problems(msi: Path, bundle: Path) -> tuple[list[str], list[str]]:
    """What was checked, and what is wrong."""
    checked: list[str] = []
    wrong: list[str] = []
    properties = {row[0]: row[1] for row in table(msi, "Property") if len(row) > 1}

    def expect(ok: bool, what: str) -> None:
        (checked if ok else wrong).append(what)

    expect(properties.get("UpgradeCode") == "{" + UPGRADE_CODE + "}", f"UpgradeCode {UPGRADE_CODE}")
    expect(properties.get("ALLUSERS") == "1", "ALLUSERS=1 (installed per machine)")
    upgrade = table(msi, "Upgrade")
    expect(any(r[0] == "{" + UPGRADE_CODE + "}" for r in upgrade), "Upgrade row for older versions")
    sequence = {r[0] for r in table(msi, "InstallExecuteSequence")}
    expect("RemoveExistingProducts" in sequence, "RemoveExistingProducts (upgrade in place)")
    shortcuts = table(msi, "Shortcut")
    expect(any(r[2] == "STAR Desktop" or "STAR Desktop" in r[2] for r in shortcuts),
           "Start menu shortcut")  # fmt: skip
    directories = table(msi, "Directory")
    expect(any(r[1] == "CommonAppDataFolder" for r in directories),
           "ProgramData folder for the central policy")  # fmt: skip
    registry = table(msi, "Registry")
    expect(any(r[3] == "CentralPolicyFolder" for r in registry),
           r"HKLM\Software\STAR Procurement\STAR Desktop records the policy folder")  # fmt: skip
    files = table(msi, "File")
    bundle_files = [p for p in bundle.rglob("*") if p.is_file()]
    expect(len(files) == len(bundle_files),
           f"every file of the bundle ({len(bundle_files)}) in the File table "
           f"({len(files)})")  # fmt: skip
    return checked, wrong


def main() -> int:
    """Check the MSI named on the command line against its bundle."""
    msi, bundle = Path(sys.argv[1]), Path(sys.argv[2])
    checked, wrong = problems(msi, bundle)
    for line in checked:
        print(f"  ok: {line}")
    for line in wrong:
        print(f"  FAILED: {line}")
    print(f"  {msi.name}: {msi.stat().st_size / 1e6:.1f} MB")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
