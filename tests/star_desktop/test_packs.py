"""Approval packs through the command line: export, verify, review, import, and the audit log.

Each role signs with its own installation key (``STAR_DESKTOP_KEY``), as two PCs would.
The PDF is read back with pypdf and its words checked per post.
"""

from __future__ import annotations

import base64
import io
import json
import os
import sqlite3
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from star_desktop.cli import main
from tests.conftest import CORPUS

TRAINED = "2026-11-20"
EVENT = "Join us at the Meet the Buyer event in Rochdale on Thursday \U0001f389 Caf\u00e9 open."
AWARD = "Our team won an award for social value in Stockport, thanks to every supplier."


def run(argv, key: Path, stdin_text: str = ""):
    """The command line in process, signing with ``key`` (each test's environment is its own)."""
    os.environ["STAR_DESKTOP_KEY"] = str(key)
    stdin = io.TextIOWrapper(io.BytesIO(stdin_text.encode()), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    status = main(argv, stdin=stdin, stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


@pytest.fixture
def world(tmp_path):
    """An author's database with two submitted posts and one draft; two keys; a policy."""

    class World:
        db = ("--db", str(tmp_path / "author.db"), "--no-sample")
        author_key = tmp_path / "author.pem"
        approver_key = tmp_path / "approver.pem"
        pack = tmp_path / "march.starpack"
        decisions = tmp_path / "decisions.json"
        central = tmp_path / "central.toml"

        def author(self, *argv):
            return run([*self.db, *argv], self.author_key)

        def approver(self, *argv):
            return run(list(argv), self.approver_key)

    w = World()
    w.author("profile", "--name", "Sam Taylor", "--training-date", TRAINED)
    for title, text, platform, category, day in (
        ("Meet the Buyer", EVENT, "x", "upcoming-event", "2027-03-04"),
        ("Social value award", AWARD, "linkedin", "good-news-star", "2027-03-05"),
        ("Not yet", "Still being written.", "x", "upcoming-event", "2027-03-06"),
    ):
        status, _, err = _new(w, title, text, platform, category, day)
        assert status == 0, err
    assert w.author("drafts", "submit", "1")[0] == 0
    assert w.author("drafts", "submit", "2")[0] == 0
    fingerprint = w.approver("keys", "show")[1].split()[-1]
    w.central.write_text(
        f'[[approvers]]\nname = "Pat Manager"\nfingerprint = "{fingerprint}"\n', encoding="utf-8"
    )
    return w


def _new(w, title, text, platform, category, day):
    return run(
        [*w.db, "drafts", "new", "--title", title, "--platform", platform, "--audience",
         "bidders", "--category", category, "--date", day, "--text-file", "-"],
        w.author_key, text,
    )  # fmt: skip


def export(w, *extra):
    return w.author("pack", "export", "--from", "2027-03-01", "--to", "2027-03-31", "--out",
                    str(w.pack), *extra)  # fmt: skip


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_export_takes_only_submitted_drafts_and_lists_the_rest(world):
    status, out, err = export(world)
    assert (status, err) == (0, "")
    assert "Skipped draft 3: not submitted for approval (it is draft)" in out
    assert "Exported 2 posts (1, 2)" in out
    names = zipfile.ZipFile(world.pack).namelist()
    assert {"manifest.json", "manifest.sig", "pack.pdf", "schedule.csv"} <= set(names)


def test_the_pdf_shows_each_post_as_it_will_appear(world):
    export(world)
    text = pdf_text(zipfile.ZipFile(world.pack).read("pack.pdf"))
    assert "Post 1 of 2: Meet the Buyer" in text
    assert "Post 2 of 2: Social value award" in text
    assert "Caf\u00e9 open" in text  # non-ASCII printed as posted
    assert "X's weighted count" in text
    assert "On LinkedIn" in text
    assert "Data Protection training" in text
    assert "Self-promotion: 1 (50%)" in text  # the cover's content mix
    assert "Approve" in text
    assert "Request changes" in text
    assert "Reject" in text
    key = world.author("keys", "show")[1].split()[-1]
    pages = PdfReader(io.BytesIO(zipfile.ZipFile(world.pack).read("pack.pdf"))).pages
    assert text.count(f"signed by key {key}") == len(pages)  # every page's footer


def test_verify_prints_what_it_checked_and_passes_a_sound_pack(world):
    export(world)
    status, out, _ = world.author("pack", "verify", str(world.pack))
    assert status == 0
    assert "ok: signature: Ed25519 by key" in out
    assert "ok: post 1: title and text match their SHA-256" in out
    assert out.rstrip().endswith("march.starpack: verified")


def _rewrite(pack: Path, member: str, change) -> None:
    members = {n: zipfile.ZipFile(pack).read(n) for n in zipfile.ZipFile(pack).namelist()}
    members[member] = change(members[member])
    with zipfile.ZipFile(pack, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)


@pytest.mark.parametrize(
    ("member", "change", "reason"),
    [
        ("pack.pdf", lambda b: b.replace(b"%%EOF", b"%%EOF\n% tampered"), "pack.pdf was changed"),
        ("manifest.json", lambda b: b.replace(b"Meet the Buyer", b"Meet the Bidder"),
         "the manifest was changed after signing"),
        ("manifest.sig", lambda b: base64.b64encode(bytes(64)), "does not match the manifest"),
        ("schedule.csv", lambda b: b + b"extra", "schedule.csv was changed"),
    ],
    ids=["pdf", "manifest", "signature", "csv"],
)  # fmt: skip
def test_a_tampered_pack_fails_verification(world, member, change, reason):
    export(world)
    _rewrite(world.pack, member, change)
    status, _, err = world.author("pack", "verify", str(world.pack))
    assert status == 1
    assert reason in err


def test_round_trip_export_review_import(world):
    export(world)
    status, out, err = world.approver(
        "pack", "review", str(world.pack), "--approver", "Pat Manager", "--approve", "1",
        "--request-changes", "2", "--comment", "Name the award", "--out", str(world.decisions),
    )  # fmt: skip
    assert status == 0, err
    status, out, err = world.author("--policy", str(world.central), "decisions", "import",
                                    str(world.decisions))  # fmt: skip
    assert status == 0, err
    assert "signed by Pat Manager" in out
    shown = {
        i: json.loads(world.author("drafts", "show", str(i), "--json")[1])["status"]
        for i in (1, 2, 3)
    }
    assert shown == {1: "approved", 2: "changes_requested", 3: "draft"}
    assert world.author("audit", "verify")[0] == 0


def test_a_draft_edited_since_export_is_not_approved(world):
    export(world)
    world.approver("pack", "review", str(world.pack), "--approver", "Pat", "--approve", "1,2",
                   "--out", str(world.decisions))  # fmt: skip
    world.author("drafts", "withdraw", "1")
    world.author("drafts", "set", "1", "--title", "Meet the Buyer (changed)")
    world.author("drafts", "submit", "1")
    status, out, _ = world.author("--policy", str(world.central), "decisions", "import",
                                  str(world.decisions))  # fmt: skip
    assert status == 1
    assert "Draft 1: not applied: it was edited since the pack was exported" in out
    assert "Draft 2: approve" in out


def test_decisions_from_an_unlisted_or_own_key_approve_nothing(world, tmp_path):
    export(world)
    stranger = tmp_path / "stranger.pem"
    run(["pack", "review", str(world.pack), "--approver", "Mallory", "--approve", "1,2", "--out",
         str(world.decisions)], stranger)  # fmt: skip
    status, _, err = world.author("--policy", str(world.central), "decisions", "import",
                                  str(world.decisions))  # fmt: skip
    assert status == 2
    assert "not on the policy's list of approvers" in err
    world.author("pack", "review", str(world.pack), "--approver", "Sam", "--approve", "1",
                 "--out", str(world.decisions))  # fmt: skip
    status, _, err = world.author("--policy", str(world.central), "decisions", "import",
                                  str(world.decisions))  # fmt: skip
    assert status == 2
    assert "own key" in err
    shown = json.loads(world.author("drafts", "show", "1", "--json")[1])["status"]
    assert shown == "submitted"


def test_without_approvers_listed_decisions_need_unverified(world):
    export(world)
    world.approver("pack", "review", str(world.pack), "--approver", "Pat", "--approve", "1",
                   "--out", str(world.decisions))  # fmt: skip
    status, _, err = world.author("decisions", "import", str(world.decisions))
    assert status == 2
    assert "no approvers are listed" in err
    status, out, _ = world.author("decisions", "import", str(world.decisions), "--unverified")
    assert status == 0
    assert "UNVERIFIED" in out


def test_a_tampered_decisions_file_is_refused(world):
    export(world)
    world.approver("pack", "review", str(world.pack), "--approver", "Pat", "--reject", "1",
                   "--comment", "No", "--out", str(world.decisions))  # fmt: skip
    document = json.loads(world.decisions.read_text())
    document["payload"]["decisions"][0]["decision"] = "approve"
    world.decisions.write_text(json.dumps(document))
    status, _, err = world.author("--policy", str(world.central), "decisions", "import",
                                  str(world.decisions))  # fmt: skip
    assert status == 2
    assert "the signature does not match" in err


@pytest.mark.parametrize(
    ("build", "reason"),
    [
        ("slip", "a path that would escape its folder"),
        ("bomb", "inflates suspiciously"),
        ("truncated", "cut short"),
        ("newer", "made by a newer STAR Desktop"),
    ],
)
def test_hostile_or_damaged_packs_are_refused_with_a_reason(world, tmp_path, build, reason):
    export(world)
    bad = tmp_path / f"{build}.starpack"
    data = world.pack.read_bytes()
    if build == "truncated":
        bad.write_bytes(data[: len(data) // 2])
    else:
        members = {n: zipfile.ZipFile(world.pack).read(n) for n in
                   zipfile.ZipFile(world.pack).namelist()}  # fmt: skip
        if build == "slip":
            members["../../outside.txt"] = b"escaped"
        elif build == "bomb":
            members["images/huge.bin"] = bytes(50_000_000)
        else:
            manifest = json.loads(members["manifest.json"])
            manifest["version"] = 99
            members["manifest.json"] = json.dumps(manifest).encode()
        with zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, member in members.items():
                archive.writestr(name, member)
    status, _, err = world.author("pack", "verify", str(bad))
    assert status == 2
    assert reason in err
    assert not (tmp_path.parent / "outside.txt").exists()


def test_nothing_from_the_policys_protected_lists_is_in_a_pack(world):
    admin = str(CORPUS / "admin-policy.toml")
    status, _, err = world.author("--policy", admin, "pack", "export", "--ids", "1,2", "--out",
                                  str(world.pack))  # fmt: skip
    assert status == 0, err
    archive = zipfile.ZipFile(world.pack)
    words = "\n".join(
        pdf_text(archive.read(n)) if n.endswith(".pdf") else archive.read(n).decode("utf-8", "ignore")
        for n in archive.namelist()
    )  # fmt: skip
    protected = ["Highways Maintenance Framework", "STAR-2026-041", "Northway Surfacing",
                 "Margaret Ashworth", "Priya Raman", "OFFICIAL-SENSITIVE"]  # fmt: skip
    assert [p for p in protected if p in words] == []


def test_audit_verify_names_an_altered_or_removed_entry(world):
    path = world.db[1]
    assert world.author("audit", "verify")[0] == 0
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TRIGGER audit_no_update")
        conn.execute("UPDATE audit SET detail = 'nothing to see' WHERE id = 2")
    status, _, err = world.author("audit", "verify")
    assert status == 1
    assert "entry 2" in err
    assert "altered" in err
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TRIGGER audit_no_delete")
        conn.execute("DELETE FROM audit WHERE id = 2")
    status, _, err = world.author("audit", "verify")
    assert "entry 2 is missing" in err


def test_keys_show_ends_with_the_fingerprint(world):
    status, out, _ = world.author("keys", "show")
    assert status == 0
    last = out.split()[-1]
    assert len(last) == 19
    assert last.count("-") == 3
    assert (world.author_key.stat().st_mode & 0o777) == 0o600  # readable by this user only


def test_a_pack_file_alone_opens_the_app_to_review_it(monkeypatch, tmp_path):
    import ui.app

    opened = {}
    monkeypatch.setattr(
        ui.app, "run_app", lambda db, policy, sample, open_file: opened.update(file=open_file) or 0
    )
    assert main([str(tmp_path / "march.starpack")]) == 0
    assert opened["file"] == (tmp_path / "march.starpack").resolve()


def test_a_tampered_image_fails_verification(tmp_path, policy):
    import datetime as dt

    from PIL import Image

    from star_desktop.drafts import DraftsService
    from star_desktop.packs.export import export_pack
    from star_desktop.packs.keys import installation_key
    from star_desktop.packs.verify import verify_pack
    from star_desktop.storage import Store

    photo = tmp_path / "stands.png"
    Image.new("RGB", (40, 30), "navy").save(photo)
    with Store.open(tmp_path / "star.db", sample=False) as store:
        service = DraftsService(store, policy)
        service.set_profile("Sam Taylor", dt.date.today())
        draft = service.create("Stands", "Join us at the Meet the Buyer event.", platforms=("x",),
                               audiences=("bidders",), category="upcoming-event")  # fmt: skip
        service.attach(draft.id, photo, "Buyers at stands")
        service.confirm_image(draft.id, 1, no_personal=True, no_security=True, people="none")
        submitted = service.submit(draft.id)
        pack = tmp_path / "one.starpack"
        export_pack(service, installation_key(tmp_path / "k.pem"), pack, [submitted])
    assert verify_pack(pack).ok
    (member,) = [n for n in zipfile.ZipFile(pack).namelist() if n.startswith("images/")]
    _rewrite(pack, member, lambda b: b[:-4] + b"\x00\x00\x00\x00")
    problems = verify_pack(pack).problems
    assert f"{member} was changed: its SHA-256 does not match" in problems
    assert "post 1: image stands.png does not match its hash" in problems
