"""``star-desktop --self-test``, and the central (machine-wide) policy location IT controls."""

from __future__ import annotations

import io
import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from star_desktop import paths
from star_desktop.cli import main

pytestmark = pytest.mark.ui  # the last step opens the window offscreen

CONFIDENTIAL = "Project Nightjar"


def self_test(*argv):
    out, err = io.StringIO(), io.StringIO()
    status = main([*argv, "--self-test"], stdout=out, stderr=err)
    return status, out.getvalue()


def test_self_test_passes_with_one_line_per_step():
    status, out = self_test()
    assert status == 0
    steps = [line.split()[1] for line in out.splitlines() if line.startswith("ok ")]
    assert steps == ["policy", "rules", "database", "images", "pack", "window"]
    assert "spelling and grammar included" in out
    assert out.rstrip().splitlines()[-1].startswith("self-test passed in")


def test_self_test_names_the_first_failure(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[election]\nperiod_start = 2027-05-01\nperiod_end = 2027-04-01\n")
    status, out = self_test("--policy", str(bad))
    assert status == 1
    assert out.splitlines()[1].startswith("FAILED policy")
    assert "period_end is before period_start" in out
    assert out.rstrip().endswith("self-test FAILED at step 'policy'")


def central_file(folder):
    path = folder / "policy.toml"
    path.write_text(
        '[[rules]]\nid = "confidential.terms"\nterms = ["' + CONFIDENTIAL + '"]\n',
        encoding="utf-8",
    )
    return path


def check_json(text):
    out = io.StringIO()
    stdin = io.TextIOWrapper(io.BytesIO(text.encode()), encoding="utf-8")
    main(["check", "--format", "json", "-"], stdin=stdin, stdout=out)
    return out.getvalue()


def test_a_policy_file_in_the_central_location_changes_a_finding(tmp_path, monkeypatch):
    post = f"Update on {CONFIDENTIAL} next week."
    assert "confidential" not in check_json(post)
    monkeypatch.setenv(paths.CENTRAL_ENV, str(central_file(tmp_path)))
    assert '"rule": "confidential"' in check_json(post)


def test_on_windows_the_central_file_is_in_programdata_or_where_group_policy_says(tmp_path):
    folder = tmp_path / "STAR Procurement" / "STAR Desktop"
    folder.mkdir(parents=True)
    placed = central_file(folder)
    environ = {"ProgramData": str(tmp_path)}
    assert paths.central_policy_path(environ, "win32", lambda: None) == placed
    named = tmp_path / "gpo.toml"
    named.write_text("", encoding="utf-8")
    assert paths.central_policy_path(environ, "win32", lambda: str(named)) == named
    assert paths.central_policy_path({"ProgramData": str(tmp_path / "none")}, "win32",
                                     lambda: None) is None  # fmt: skip


def test_version_names_the_program_and_the_policy(capsys):
    from star_desktop import __version__

    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.strip() == f"star-desktop {__version__} (policy 2017-18.1)"


def test_the_app_icon_ships_as_png_and_ico():
    from PIL import Image

    folder = paths.resources_dir() / "icons"
    assert Image.open(folder / "star-desktop.png").size == (256, 256)
    assert (16, 16) in Image.open(folder / "star-desktop.ico").info["sizes"]
