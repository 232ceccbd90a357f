"""The MSI's WiX source, built with wixl and read back with msiinfo (both from msitools).

The real bundle is built and checked the same way by scripts/build.sh; here a small
stand-in bundle keeps the test fast.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging" / "windows"))

import check_msi  # noqa: E402
import make_wxs  # noqa: E402

pytestmark = pytest.mark.skipif(
    shutil.which("wixl") is None or shutil.which("msiinfo") is None,
    reason="wixl and msiinfo (msitools) are installed by scripts/setup.sh",
)


@pytest.fixture
def msi(tmp_path, monkeypatch):
    bundle = tmp_path / "STAR Desktop"
    (bundle / "_internal" / "resources" / "policy").mkdir(parents=True)
    (bundle / "STAR Desktop.exe").write_bytes(b"MZ stand-in")
    (bundle / "_internal" / "python311.dll").write_bytes(b"stand-in")
    (bundle / "_internal" / "resources" / "policy" / "policy.toml").write_text("version = 1\n")
    monkeypatch.chdir(tmp_path)  # wixl reads sources relative to where it runs
    wxs = tmp_path / "star.wxs"
    make_wxs.main([bundle.name, str(wxs), "--version", "1.2.3"])
    out = tmp_path / "star.msi"
    subprocess.run(["wixl", "-a", "x64", "-o", str(out), str(wxs)], check=True,
                   capture_output=True)  # fmt: skip
    return out, bundle


def test_the_msi_has_what_council_it_relies_on(msi):
    out, bundle = msi
    checked, wrong = check_msi.problems(out, bundle)
    assert wrong == []
    assert len(checked) == 8


def test_the_msi_installs_under_program_files_with_its_version(msi):
    out, _ = msi
    properties = {r[0]: r[1] for r in check_msi.table(out, "Property") if len(r) > 1}
    assert properties["ProductVersion"] == "1.2.3"
    assert properties["Manufacturer"] == "STAR Procurement"
    directories = {r[0]: r for r in check_msi.table(out, "Directory")}
    assert directories["ManufacturerFolder"][1] == "ProgramFiles64Folder"
    assert directories["INSTALLFOLDER"][2] == "STAR Desktop"


def test_a_component_keeps_its_guid_from_one_build_to_the_next():
    assert make_wxs._guid("_internal/python311.dll") == make_wxs._guid("_internal/python311.dll")
    assert make_wxs._guid("a") != make_wxs._guid("b")
