"""`bmnn scan`: one JSON line per file and member, exit 0 / 1 / 2, parallel workers."""

from __future__ import annotations

import io
import json
import random
import subprocess
import sys
from pathlib import Path

from bmnn.scanner.engine.cli import run
from tests.corpus.scanner_corpus import (
    make_doc,
    negative_plan,
    write_docx,
    write_mail,
    write_pdf,
    write_zip,
)


def _run(*args: str) -> tuple[int, list[dict]]:
    out = io.StringIO()
    code = run(["--no-progress", *args], stdout=out, stderr=io.StringIO())
    return code, [json.loads(line) for line in out.getvalue().splitlines()]


def _folder(tmp_path: Path) -> Path:
    rng = random.Random(21)
    (tmp_path / "sub").mkdir()
    (tmp_path / "plan.docx").write_bytes(write_docx(negative_plan(rng)))
    (tmp_path / "sub" / "stamped.pdf").write_bytes(write_pdf(make_doc(rng, "tuyet_mat")))
    (tmp_path / "bundle.zip").write_bytes(
        write_zip(
            [
                ("inner/report.docx", write_docx(make_doc(rng, "mat"))),
                ("inner/note.txt", b"ghi chu"),
            ]
        )
    )
    mail = write_mail(
        "Gửi anh tài liệu.",
        [("tl.docx", write_docx(make_doc(rng, "toi_mat")), "application/octet-stream")],
    )
    (tmp_path / "mail.eml").write_bytes(mail)
    return tmp_path


def test_a_folder_gives_one_line_per_file_and_member_and_exit_1(tmp_path) -> None:
    code, rows = _run(str(_folder(tmp_path)))
    assert code == 1
    by_path = {
        Path(r["path"]).name if "!" not in r["path"] else r["path"].split(str(tmp_path) + "/")[1]: r
        for r in rows
    }
    assert set(by_path) == {
        "bundle.zip",
        "bundle.zip!inner/report.docx",
        "bundle.zip!inner/note.txt",
        "mail.eml",
        "mail.eml!tl.docx",
        "plan.docx",
        "stamped.pdf",
    }
    assert by_path["stamped.pdf"]["secret"] and by_path["stamped.pdf"]["level"] == "tuyet_mat"
    assert (
        by_path["bundle.zip!inner/report.docx"]["level"] == "mat"
        and by_path["bundle.zip"]["secret"]
    )
    assert by_path["mail.eml!tl.docx"]["level"] == "toi_mat"
    assert not by_path["plan.docx"]["secret"]
    for row in rows:
        assert set(row) >= {"path", "secret", "level", "declassified", "score", "evidence"}
    evidence = by_path["stamped.pdf"]["evidence"][0]
    assert evidence["page"] == 1 and evidence["text"] == "TUYỆT MẬT" and len(evidence["box"]) == 4


def test_nothing_found_exits_0_and_an_unreadable_file_exits_2(tmp_path) -> None:
    clean = tmp_path / "plan.docx"
    clean.write_bytes(write_docx(negative_plan(random.Random(3))))
    assert _run(str(clean))[0] == 0
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n garbage")
    code, rows = _run(str(clean), str(broken))
    assert code == 2 and len(rows) == 2 and rows[1]["error"].startswith("malformed")


def test_workers_give_the_same_answers(tmp_path) -> None:
    folder = _folder(tmp_path)
    one = _run(str(folder))[1]
    two = _run("--workers", "2", str(folder))[1]
    assert sorted(json.dumps(r, sort_keys=True) for r in one) == sorted(
        json.dumps(r, sort_keys=True) for r in two
    )


def test_the_bmnn_command_and_the_standalone_module_agree(tmp_path) -> None:
    folder = _folder(tmp_path)
    bmnn = Path(sys.executable).with_name("bmnn")
    via_bmnn = subprocess.run(
        [str(bmnn), "scan", str(folder)], capture_output=True, text=True, check=False
    )
    standalone = subprocess.run(
        [sys.executable, "-m", "bmnn.scanner.engine.cli", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert via_bmnn.returncode == standalone.returncode == 1
    assert via_bmnn.stdout == standalone.stdout and via_bmnn.stdout.count("\n") == 7


def test_the_engine_imports_no_django() -> None:
    code = (
        "import sys, bmnn.scanner.engine, bmnn.scanner.engine.cli; "
        "bad = [m for m in sys.modules if m == 'django' or m.startswith('django.')]; print(bad); sys.exit(bool(bad))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_declassified_line_names_the_old_level_only_when_there_is_one() -> None:
    from bmnn.scanner.engine.cli import _text

    row = {"path": "ho-so.zip", "secret": False, "declassified": True, "level": None}
    assert _text(row) == "declass ho-so.zip: declassified"  # the archive around a document
    assert (
        _text({**row, "path": "qd.docx", "level": "mat"}) == "declass qd.docx: declassified (mat)"
    )
