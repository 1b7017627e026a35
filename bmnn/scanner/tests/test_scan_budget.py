"""One budget per scan, shared by every archive nested in it (security review, issue 13,
finding 7): a small file of archives inside archives ends with the limit reported instead of
costing minutes of CPU, and a file that was not read in full is never called clean."""

from __future__ import annotations

import email.message
import io
import random
import zipfile

import pytest

from bmnn.scanner.engine import Budget, LimitReached, Limits, scan_bytes
from tests.corpus.scanner_corpus import make_doc, write_docx


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def nested_bomb(copies: int = 100, inner_mb: int = 4) -> bytes:
    """Each inner archive stays under every per-archive limit (a few MB, one member); only the
    whole, `copies` × `inner_mb` MB, is out of proportion (~400 MB from ~0.5 MB)."""
    inner = _zip({"zeros.bin": b"\0" * (inner_mb * 2**20)})
    return _zip({f"part-{n:03d}.zip": inner for n in range(copies)})


def test_a_nested_zip_bomb_stops_at_the_scan_budget_and_says_so() -> None:
    bomb = nested_bomb()
    limits = Limits(max_total_bytes=32 * 2**20)
    verdicts = scan_bytes(bomb, "bomb.zip", limits)
    top = verdicts[0]
    assert top.limit == "bytes"
    assert top.error is not None and top.error.startswith("limit:")
    assert top.as_dict()["incomplete"] is True
    opened = [v for v in verdicts if v.path.endswith("zeros.bin")]
    assert len(opened) <= 8  # 32 MB of 4 MB members, not 100 of them


def test_the_budget_is_shared_by_sibling_archives_not_reset_per_archive() -> None:
    inner = _zip({f"note-{n}.txt": b"x" for n in range(40)})
    outer = _zip({f"box-{n}.zip": inner for n in range(5)})
    verdicts = scan_bytes(outer, "boxes.zip", Limits(max_total_members=100))
    assert verdicts[0].limit == "members"
    assert len([v for v in verdicts if v.path.endswith(".txt")]) < 100


def test_time_is_a_limit_of_the_whole_scan() -> None:
    data = _zip({f"box-{n}.zip": _zip({"a.txt": b"hello"}) for n in range(3)})
    verdicts = scan_bytes(data, "late.zip", Limits(max_seconds=0))
    assert verdicts[0].limit == "time" and not verdicts[0].secret
    assert verdicts[0].error is not None and "limit" in verdicts[0].error


def test_a_secret_found_before_the_limit_still_counts() -> None:
    stamped = write_docx(make_doc(random.Random(5), "toi_mat"))
    filler = _zip({"zeros.bin": b"\0" * (4 * 2**20)})
    data = _zip({"a-stamped.docx": stamped, **{f"b-{n}.zip": filler for n in range(20)}})
    top = scan_bytes(data, "mixed.zip", Limits(max_total_bytes=16 * 2**20))[0]
    assert top.secret and top.level == "toi_mat"
    assert top.limit == "bytes"


def test_depth_is_reported_as_a_limit_and_the_other_members_are_read() -> None:
    deep = b"deep text"
    for level in range(5):
        deep = _zip({f"level-{level}.zip" if level else "deep.txt": deep})
    data = _zip({"deep.zip": deep, "near.txt": b"near text"})
    verdicts = scan_bytes(data, "tree.zip")
    assert verdicts[0].limit == "depth"
    assert "tree.zip!near.txt" in [v.path for v in verdicts]


def test_mail_attachments_spend_the_same_budget() -> None:
    message = email.message.EmailMessage()
    message["From"], message["To"], message["Subject"] = "a@b.vn", "c@d.vn", "Tài liệu"
    message.set_content("Xem tệp đính kèm.")
    for n in range(5):
        message.add_attachment(
            b"plain words", maintype="text", subtype="plain", filename=f"{n}.txt"
        )
    verdicts = scan_bytes(message.as_bytes(), "mail.eml", Limits(max_total_members=3))
    assert verdicts[0].limit == "members"


def test_a_budget_refuses_everything_once_spent() -> None:
    budget = Budget(Limits(max_total_bytes=10))
    budget.spend_bytes(8)
    for attempt in (lambda: budget.spend_bytes(5), budget.check, budget.spend_member):
        with pytest.raises(LimitReached) as raised:
            attempt()
        assert raised.value.limit == "bytes"
