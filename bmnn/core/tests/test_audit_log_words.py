"""The audit log's changes read as words: every key a service records has a label, codes read as
their labels (levels, kinds, statuses), ids as the names of what they point to."""

from __future__ import annotations

import ast
import html

import pytest
from django.db import transaction
from django.urls import reverse

from bmnn.core import audit, audit_text
from bmnn.core.tests.audit_calls import ROOT, audit_records, keyword
from bmnn.devices import services as devices
from bmnn.org.models import AgencyType, Role

pytestmark = pytest.mark.django_db


def _keys(node: ast.expr | None, scope: ast.AST) -> list[str]:
    """The constant keys of a dict literal, of `**` spreads in it, or of a local name built from
    such literals (assigned, annotated, `|=`, `.update(...)`, `name["key"] = ...`)."""
    if isinstance(node, ast.Dict):
        found: list[str] = []
        for key, value in zip(node.keys, node.values, strict=True):
            if key is None:
                found += _keys(value, scope)
            elif isinstance(key, ast.Constant) and isinstance(key.value, str):
                found.append(key.value)
        return found
    if isinstance(node, ast.BoolOp):
        return [k for value in node.values for k in _keys(value, scope)]
    if not isinstance(node, ast.Name):
        return []
    found = []
    for step in ast.walk(scope):
        if _assigns(step, node.id):
            found += _keys(step.value, scope)  # type: ignore[attr-defined]
        elif (
            isinstance(step, ast.Assign)
            and isinstance(step.targets[0], ast.Subscript)
            and ast.unparse(step.targets[0].value) == node.id
            and isinstance(step.targets[0].slice, ast.Constant)
            and isinstance(step.targets[0].slice.value, str)
        ):
            found.append(step.targets[0].slice.value)
        elif (
            isinstance(step, ast.Call)
            and isinstance(step.func, ast.Attribute)
            and step.func.attr == "update"
            and ast.unparse(step.func.value) == node.id
            and step.args
        ):
            found += _keys(step.args[0], scope)
    return found


def _assigns(step: ast.AST, name: str) -> bool:
    """Whether `step` gives the local `name` a value (`=`, annotated, `|=`)."""
    if isinstance(step, ast.Assign):
        return any(isinstance(t, ast.Name) and t.id == name for t in step.targets)
    if isinstance(step, ast.AnnAssign | ast.AugAssign):
        target = step.target
        return isinstance(target, ast.Name) and target.id == name and step.value is not None
    return False


def recorded_keys() -> dict[str, set[str]]:
    """Every constant change key passed to `audit.record` in the code base, with where."""
    found: dict[str, set[str]] = {}
    for path, _tree, scope, node in audit_records(module_scope=False, skip=("tests", "migrations")):
        for key in _keys(keyword(node, "changes"), scope):
            found.setdefault(key, set()).add(str(path.relative_to(ROOT)))
    return found


def test_every_change_key_a_service_records_has_a_label() -> None:
    """A key without a label would show on the page as itself: an English word or a code."""
    keys = recorded_keys()
    assert len(keys) > 100  # the scan found the services
    missing = {k: sorted(w) for k, w in keys.items() if k not in audit_text.FIELD_LABELS}
    assert missing == {}


def _changes(client, action: str) -> str:
    page = html.unescape(
        client.get(reverse("core:audit_list"), {"action": action}).content.decode()
    )
    return page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]


def test_codes_read_as_labels_and_ids_as_names(make_agency, make_person, client_for) -> None:
    police = make_agency("Công an tỉnh", type=AgencyType.PROVINCIAL_POLICE)
    supervisor = make_person(police, Role.SUPERVISOR, "Lê Thị Giám Sát")
    justice, health = make_agency("Sở Tư pháp"), make_agency("Sở Y tế")
    officer = make_person(justice, Role.SECURITY_OFFICER, "Nguyễn Thị Hoa")
    devices.save_device(
        actor=officer,
        agency=justice,
        asset_tag="STP-MT-01",
        kind="computer",
        connected_to="none",
        ever_connected="no",
        custodian=officer,
        highest_level="toi_mat",
    )
    with transaction.atomic():
        audit.record(
            actor=supervisor,
            action="inspection.create",
            obj=justice,
            changes={"agencies": [justice.pk, health.pk]},
        )
        audit.record(
            actor=supervisor,
            action="scanner.finding",
            obj=None,
            changes={"url": "https://x.example/a.pdf", "level": "toi_mat"},
        )
    client = client_for(supervisor)
    created = _changes(client, "device.create")
    assert "Máy tính để bàn" in created and "computer" not in created
    assert "Tối mật" in created and "toi_mat" not in created
    assert "Không kết nối mạng nào" in created and "Nguyễn Thị Hoa" in created
    assert f"<strong>{Role.SECURITY_OFFICER.label}</strong>" not in created  # no stray labels
    inspection = _changes(client, "inspection.create")
    assert "Sở Tư pháp, Sở Y tế" in inspection and "→" not in inspection
    finding = _changes(client, "scanner.finding")
    assert "<strong>độ mật</strong>: Tối mật" in finding and "toi_mat" not in finding


def test_a_host_audit_names_its_findings_in_words(make_agency, make_person, client_for) -> None:
    police = make_agency("Công an tỉnh", type=AgencyType.PROVINCIAL_POLICE)
    supervisor = make_person(police, Role.SUPERVISOR, "Lê Thị Giám Sát")
    justice = make_agency("Sở Tư pháp")
    with transaction.atomic():
        audit.record(
            actor=supervisor,
            action="device.host_report",
            obj=justice,
            changes={"sha256": "ab" * 32, "evidence": 2, "findings": ["unregistered_media"]},
        )
    row = _changes(client_for(supervisor), "device.host_report")
    assert "USB lưu trữ chưa đăng ký" in row and "unregistered_media" not in row
    assert "<strong>số dấu vết</strong>: 2" in row and "<strong>mã băm</strong>" in row


def test_the_sections_of_a_node_bundle_read_as_the_node_pages_word_them() -> None:
    assert audit_text.text({"plans": 1, "progress": 2}) == "kế hoạch: 1; tiến độ nhiệm vụ: 2"


def test_the_filter_refuses_an_end_before_its_start_by_the_end_field(
    make_agency, make_person, client_for
) -> None:
    supervisor = make_person(make_agency("Công an tỉnh"), Role.SUPERVISOR, "Lê Thị Giám Sát")
    page = html.unescape(
        client_for(supervisor)
        .get(reverse("core:audit_list"), {"since": "10/12/2026", "until": "01/12/2026"})
        .content.decode()
    )
    until = page.split('for="id_until"', 1)[1].split("</div>", 2)
    assert "Ngày kết thúc ở trước ngày bắt đầu." in "".join(until[:2])
    assert 'value="10/12/2026"' in page and 'value="01/12/2026"' in page


def test_fields_named_in_a_change_read_as_their_labels(make_agency, make_person) -> None:
    police = make_agency("Công an tỉnh", type=AgencyType.PROVINCIAL_POLICE)
    supervisor = make_person(police, Role.SUPERVISOR, "Lê Thị Giám Sát")
    with transaction.atomic():
        event = audit.record(
            actor=supervisor,
            action="agency.update",
            obj=police,
            changes={"fields": ["name", "phone", "search_text"]},
        )
    [line] = audit_text.lines([event], {})
    [change] = line.changes
    names = [str(police._meta.get_field(n).verbose_name) for n in ("name", "phone")]
    assert change.new == ", ".join(names) and "search" not in change.new


def test_no_sentence_says_its_tense_twice(make_agency, make_person) -> None:
    """The sentence puts "đã" before the act; acts translated with it read it once."""
    police = make_agency("Công an tỉnh", type=AgencyType.PROVINCIAL_POLICE)
    supervisor = make_person(police, Role.SUPERVISOR, "Lê Thị Giám Sát")
    with transaction.atomic():
        events = [
            audit.record(actor=supervisor, action=action, obj=police, changes={})
            for action in audit_text.SENTENCES
        ]
    sentences = [line.sentence for line in audit_text.lines(events, {})]
    assert len(sentences) == len(audit_text.SENTENCES)
    assert [s for s in sentences if "đã đã" in s] == []
    assert any(s.startswith("Lê Thị Giám Sát đã lập gói dữ liệu số") for s in sentences)
