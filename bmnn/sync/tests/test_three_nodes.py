"""Three installations on one machine — the province node and two agency nodes, each with its
own database, data directory and signing key — exchanging bundles through files only, as USB
media would carry them (issue 15).

Every bundle made in this test is kept and inspected: nothing of an agency's registers (a
register line, a summary, an item's number, a file) may be in any bundle an agency node made.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from bmnn.sync import sealing
from bmnn.sync.tests.node_steps import HEALTH, JUSTICE
from tests.deploy.installations import run

ROOT = Path(__file__).resolve().parents[3]
MARKER = "XQZ7"  # in every register line of the agency nodes; must never travel
UP_SECTIONS = {"progress", "reports", "incidents", "inventory", "self_inspections"}


class Node:
    def __init__(self, base: Path, name: str, role: str, agency: str = "") -> None:
        self.name, self.dir = name, base / name
        self.dir.mkdir()
        self.env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("BMNN_", "DATABASE_URL", "DJANGO_"))
        }
        self.env.update(
            BMNN_VAR_DIR=str(self.dir),
            BMNN_NODE=role,
            BMNN_NODE_AGENCY=agency,
            BMNN_INSTALLATION_NAME=name,
            BMNN_TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
        )
        self.made: list[Path] = []

    def _run(self, *argv: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return run(
            self.name, [sys.executable, *argv], cwd=ROOT, env=self.env, timeout=300, check=check
        )

    def bmnn(self, *argv: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return self._run("-m", "bmnn.cli", *argv, check=check)

    def step(self, name: str, **args: Any) -> Any:
        out = self._run("-m", "bmnn.sync.tests.node_steps", name, json.dumps(args)).stdout
        return json.loads(out.strip().splitlines()[-1])

    def card(self) -> str:
        return self.bmnn("sync", "card").stdout.strip()

    def send(self, to: str) -> Path:
        target = self.dir / f"out-{len(self.made) + 1}.bmnn"
        self.bmnn("sync", "export", "--to", to, "--out", str(target))
        self.made.append(target)
        return target

    def receive(self, *files: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
        return self.bmnn("sync", "import", *map(str, files), check=check)


def members(bundle: Path, recipient: Node) -> dict[str, bytes]:
    """The archive's members, opened with the recipient's key (bundles travel sealed to it)."""
    data = bundle.read_bytes()
    assert sealing.is_sealed(data), f"{bundle.name} travels unsealed"
    data = sealing.open_sealed(data, (recipient.dir / "signing_key.pem").read_bytes())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.fixture(scope="module")
def nodes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Node]:
    base = tmp_path_factory.mktemp("nodes")
    made = {
        "province": Node(base, "province", "province"),
        "health": Node(base, "health", "agency", HEALTH),
        "justice": Node(base, "justice", "agency", JUSTICE),
    }
    for node in made.values():
        node.bmnn("setup", "--no-demo")
    made["province"].step("setup_province")
    return made


def _trust_both_ways(province: Node, *agencies: Node) -> None:
    """Trust is set up once per agency: each side takes the other's card."""
    province_card = province.card()
    for agency in agencies:
        agency.bmnn("sync", "trust", province_card)
        province.bmnn("sync", "trust", agency.card())


def test_a_plan_goes_down_and_progress_and_a_signed_report_come_back(
    nodes: dict[str, Node],
) -> None:
    province, health, justice = nodes["province"], nodes["health"], nodes["justice"]
    _trust_both_ways(province, health, justice)
    province.step("issue_plan")

    # Province -> each agency: the directory, the plan's tasks for that agency, the period.
    for agency, code in ((health, HEALTH), (justice, JUSTICE)):
        agency.receive(province.send(code))
        agency.step("agency_people")
    assert health.step("library") == {
        "entries": [
            ["1", "mat", "Quyết định số 1/QĐ-TTg (mẫu thử)"],
            ["2", "toi_mat", "Quyết định số 1/QĐ-TTg (mẫu thử)"],
        ],
        "documents": ["29/2018/QH14"],
    }
    tasks = health.step("my_tasks")["tasks"]
    assert [t[:3] for t in tasks] == [["1", "lead", "not_started"]]
    assert tasks[0][5] == "Kế hoạch bảo vệ bí mật nhà nước năm 2026"
    assert [t[:2] for t in justice.step("my_tasks")["tasks"]] == [
        ["1", "coordinating"],
        ["2", "lead"],
    ]

    # The health department keeps its registers, reports progress with evidence, and its head
    # signs the annual report.
    health.step(
        "classify", levels=["mat", "mat", "toi_mat"], marker=MARKER, summary=f"Trích yếu {MARKER}"
    )
    health.step("post_progress", ref="1", status="done", note="Đã tập huấn 40 người", evidence=True)
    signed = health.step("sign_report", situation="Đã quán triệt đầy đủ.")
    assert signed["state"] == "signed" and signed["figures"]["created.mat"] == 2
    justice.step("post_progress", ref="2", status="in_progress", note="Đang rà soát")
    justice.step("report_incident", what="Mất 01 sổ ghi chép công tác", level="mat")
    province.receive(health.send("province"), justice.send("province"))

    # The province sees the progress in the matrix and the report in review.
    seen = province.step("matrix")
    assert ["1", HEALTH, "done", "pending"] in seen["statuses"]
    assert ["2", JUSTICE, "in_progress", ""] in seen["statuses"]
    assert seen["evidence"] == [
        [
            HEALTH,
            "bien-ban.txt",
            "Biên bản tập huấn công tác bảo vệ bí mật nhà nước, 40 người dự.\n",
        ]
    ]
    reports = province.step("report_state")
    assert reports[HEALTH]["state"] == "signed" and reports[HEALTH]["figures"]["created.mat"] == 2

    # The incident reached the province at once; the supervisor closes it and the justice
    # department's node learns so.
    assert province.step("incidents")["incidents"] == [
        [JUSTICE, "Mất 01 sổ ghi chép công tác", "mat", "open", []]
    ]
    province.step(
        "close_incident", what="Mất 01 sổ ghi chép công tác", text="Đã tìm thấy, không lộ"
    )
    justice.receive(province.send(JUSTICE))
    assert justice.step("incidents")["incidents"] == [
        [JUSTICE, "Mất 01 sổ ghi chép công tác", "mat", "closed", ["Đã tìm thấy, không lộ"]]
    ]

    # It returns the report with a comment, and accepts the task result.
    province.step("review_report", agency=HEALTH, accept=False, comment="Bổ sung số liệu tập huấn")
    province.step("review_task", agency=HEALTH, ref="1", accept=True)
    health.receive(province.send(HEALTH))
    back = health.step("report_state")[HEALTH]
    assert back["state"] == "returned" and ["return", "Bổ sung số liệu tập huấn"] in back["events"]
    assert health.step("my_tasks")["tasks"][0][3] == "accepted"

    # The agency corrects (one more item classified since) and signs again; the province accepts.
    health.step("classify", levels=["mat"], marker=MARKER)
    assert (
        health.step("sign_report", situation="Đã bổ sung: tập huấn 40 người.")["state"] == "signed"
    )
    province.receive(health.send("province"))
    again = province.step("report_state")[HEALTH]
    assert again["state"] == "signed" and again["situation"] == "Đã bổ sung: tập huấn 40 người."
    province.step("review_report", agency=HEALTH, accept=True)
    health.receive(province.send(HEALTH))
    assert health.step("report_state")[HEALTH]["state"] == "accepted"

    # The province's report counts what the agency's registers hold.
    registers = health.step("register_counts")
    totals = province.step("province_report")["totals"]
    assert registers == {"mat": 3, "toi_mat": 1, "tuyet_mat": 0}
    assert (totals["created.mat"], totals["created.toi_mat"]) == (3, 1)

    # Nothing of a register ever left an agency node.
    sent_up = [b for node in (health, justice) for b in node.made]
    assert len(sent_up) == 3
    for bundle in sent_up:
        content = members(bundle, province)
        sections = {
            n.split("/")[2].removesuffix(".json")
            for n in content
            if n.startswith("files/sections/")
        }
        assert sections <= UP_SECTIONS, bundle
        for name, data in content.items():
            assert MARKER.encode() not in data, f"{bundle.name}:{name} carries a register line"
            assert "XQZ7".encode("utf-16-le") not in data


def _backup(node: Node, target: Path) -> None:
    """A consistent copy of the node: its database (SQLite's online backup) and data directory
    (signing key, files), as an operator's backup would take it."""
    import shutil
    import sqlite3

    shutil.copytree(node.dir, target, ignore=shutil.ignore_patterns("bmnn.sqlite3*", "out-*"))
    source, copy = (
        sqlite3.connect(node.dir / "bmnn.sqlite3"),
        sqlite3.connect(target / "bmnn.sqlite3"),
    )
    with copy:
        source.backup(copy)
    source.close()
    copy.close()


def _restore(node: Node, backup: Path) -> None:
    import shutil

    for entry in node.dir.iterdir():
        if not entry.name.startswith("out-"):
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    shutil.copytree(backup, node.dir, dirs_exist_ok=True)


def _number(bundle: Path, recipient: Node) -> int:
    return int(json.loads(members(bundle, recipient)["files/envelope.json"])["seq"])


def test_channel_numbers_and_trust_survive_a_backup_and_restore(
    nodes: dict[str, Node], tmp_path: Path
) -> None:
    """Restored from a backup, a node still trusts its peer and numbers on. Restored from a
    backup older than its last bundle, it would reuse a number: the peer refuses that bundle
    and says why; once the node has imported the peer's next bundle (which acknowledges the
    lost one) it numbers after it and the channel runs again."""
    province, health = nodes["province"], nodes["health"]
    if not health.made:
        pytest.skip("runs after the end-to-end test, on the nodes it set up")
    _backup(health, tmp_path / "health")
    _backup(province, tmp_path / "province")
    # The province node comes back from its backup: it still trusts the health node's key and
    # numbers on from where it was.
    _restore(province, tmp_path / "province")
    health.receive(province.send(HEALTH))

    health.step("report_incident", what="Mất 01 thẻ nhớ công vụ", level="mat")
    lost = health.send("province")
    province.receive(lost)

    # The health node comes back from a backup older than its last bundle.
    _restore(health, tmp_path / "health")
    reused = health.send("province")
    assert _number(reused, province) == _number(lost, province)
    refused = province.receive(reused, check=False)
    assert refused.returncode and "sao lưu cũ" in refused.stderr  # "restored from an older backup"
    # It imports the province's next bundle, which acknowledges the lost number, and goes on.
    health.receive(province.send(HEALTH))
    after = health.send("province")
    assert _number(after, province) == _number(lost, province) + 1
    assert "imported" in province.receive(after).stdout
