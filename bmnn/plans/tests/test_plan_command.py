"""`bmnn plan import FILE --format json` prints the parsed plan and saves nothing."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from bmnn.org.demo import load_demo
from bmnn.plans.models import Plan
from bmnn.plans.tests.conftest import seed_path

pytestmark = pytest.mark.django_db


def test_json_output_has_the_documented_shape(capsys) -> None:
    load_demo()
    seed = seed_path("004")
    call_command("plan_import", str(seed), format="json")
    result = json.loads(capsys.readouterr().out)
    assert {"number", "issuer", "place", "date", "title"} <= set(result["plan"])
    task = result["tasks"][-1]
    assert {"ref", "content", "lead", "coordinating", "timing", "source"} <= set(task)
    assert task["timing"] == {
        "kind": "quarter",
        "text": "Quý II năm 2026",
        "due": "2026-06-30",
        "period": None,
    }
    assert task["lead"] == ["Công an tỉnh Bắc Lâm"]
    assert not Plan.objects.exists()


def test_a_bad_file_is_a_clear_error(tmp_path) -> None:
    bad = tmp_path / "x.docx"
    bad.write_bytes(b"PK\x03\x04nothing")
    with pytest.raises(CommandError, match="malformed"):
        call_command("plan_import", str(bad), format="json")
    with pytest.raises(CommandError, match="cannot read"):
        call_command("plan_import", str(tmp_path / "missing.txt"))


def test_an_inspection_plan_is_printed_as_one(capsys) -> None:
    """The command reads a kế hoạch kiểm tra as the upload page does: team and schedule, no
    tasks, instead of refusing it as not a plan."""
    from pathlib import Path

    load_demo()
    plan = (
        Path(__file__).resolve().parents[2]
        / "plans"
        / "demo"
        / "ke-hoach-kiem-tra-bmnn-cuoi-nam-2026.txt"
    )
    call_command("plan_import", str(plan), format="json")
    result = json.loads(capsys.readouterr().out)
    assert result["kind"] in {"inspection", "self_inspection"}
    assert result["tasks"] == []
    assert result["team"] and result["schedule"]
    assert all(row["agency"] for row in result["schedule"])
    assert {"number", "issuer", "place", "date", "title"} <= set(result["plan"])
