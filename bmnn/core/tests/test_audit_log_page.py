"""The audit log reads as sentences: who did what to which object, when; filters narrow it."""

from __future__ import annotations

import ast
import functools
import html
import re
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bmnn.core import audit, audit_text
from bmnn.core.tests.audit_calls import audit_modules, audit_records, keyword
from bmnn.devices.models import DeviceFinding
from bmnn.org import services
from bmnn.org.models import Agency, AgencyType, Role
from bmnn.reports.models import SubmissionEvent
from bmnn.scanner.models import Finding

pytestmark = pytest.mark.django_db


@pytest.fixture
def supervisor(make_agency, make_person):
    police = make_agency("Công an tỉnh", type=AgencyType.PROVINCIAL_POLICE)
    return make_person(police, Role.SUPERVISOR, "Lê Thị Giám Sát")


def test_the_page_shows_events_whose_changes_hold_dict_method_names(supervisor, client_for) -> None:
    with transaction.atomic():
        audit.record(
            actor=supervisor,
            action="secret.list",
            changes={"where": "registry", "items": [4, 7], "keys": ["a"], "values": [1, 2]},
        )
    response = client_for(supervisor).get(reverse("core:audit_list"))
    assert response.status_code == 200


# How the codes built at run time are enumerated; a new expression fails the test below until
# it is taught here.
_DYNAMIC = {
    "f'report.{action}'": lambda: [f"report.{a}" for a in SubmissionEvent.Action.values],
    "'scanner.finding_' + status": lambda: [f"scanner.finding_{s}" for s in Finding.Status.values],
    "'device.finding_' + status": lambda: [
        f"device.finding_{s}" for s in DeviceFinding.Status.values
    ],
}


def _values(node: ast.expr, scope: ast.AST, tree: ast.AST | None = None) -> list[str] | None:
    """The strings `node` can be: constants, either branch of a conditional, concatenations, a
    local name assigned only such values in `scope` (the enclosing function), a parameter of
    that function given only such values wherever the module (`tree`) calls it, or _DYNAMIC."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _values(node.body, scope), _values(node.orelse, scope)
        return None if body is None or orelse is None else body + orelse
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _values(node.left, scope), _values(node.right, scope)
        if left is not None and right is not None:
            return [a + b for a in left for b in right]
    if ast.unparse(node) in _DYNAMIC:
        return _DYNAMIC[ast.unparse(node)]()
    if isinstance(node, ast.Name):
        assigned = [
            _values(a.value, scope)
            for a in ast.walk(scope)
            if isinstance(a, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == node.id for t in a.targets)
        ]
        if assigned and all(v is not None for v in assigned):
            return [value for values in assigned if values for value in values]
        if not assigned and tree is not None and isinstance(scope, ast.FunctionDef):
            return _parameter_values(node.id, scope, tree)
    return None


def _parameter_values(name: str, function: ast.FunctionDef, tree: ast.AST) -> list[str] | None:
    """The strings a helper's parameter `name` is given by its calls anywhere in the code base,
    by keyword or by place (`_audit(actor, "item.destroy", item)`); None when a call passes
    anything else, or the helper is never called."""
    positional = [a.arg for a in function.args.args]
    if name not in positional + [a.arg for a in function.args.kwonlyargs]:
        return None
    place = positional.index(name) if name in positional else None
    given: list[str] = []
    for call, caller in _calls()[function.name]:
        passed = keyword(call, name)
        if passed is None and place is not None and place < len(call.args):
            passed = call.args[place]
        values = _values(passed, caller) if passed is not None else None
        if values is None:
            return None
        given += values
    return given or None


@functools.cache
def _calls() -> dict[str, list[tuple[ast.Call, ast.AST]]]:
    """Every call in the code base by the name it calls (`name(...)`, `module.name(...)`), with
    the scope it is made in: its innermost function, or its module."""
    found: dict[str, list[tuple[ast.Call, ast.AST]]] = {}

    def visit(node: ast.AST, scope: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            inner = child if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) else scope
            if isinstance(child, ast.Call):
                callee = child.func
                called = callee.id if isinstance(callee, ast.Name) else getattr(callee, "attr", "")
                found.setdefault(called, []).append((child, scope))
            visit(child, inner)

    for _path, tree in audit_modules():
        visit(tree, tree)
    return found


def recorded_actions() -> set[str]:
    """Every action code passed to `audit.record` anywhere in the code base."""
    found: set[str] = set()
    for path, tree, scope, node in audit_records(module_scope=True):
        action = keyword(node, "action")
        values = _values(action, scope, tree) if action is not None else None
        if scope is tree and values is None:
            continue  # a local name: resolved in its function's scope
        assert values is not None, f"{path}:{node.lineno}: cannot enumerate the action"
        found.update(values)
    return found


def test_every_recorded_action_code_has_a_sentence() -> None:
    actions = recorded_actions()
    assert len(actions) > 80  # the scan found the services
    missing = sorted(a for a in actions if a not in audit_text.SENTENCES)
    assert missing == []


def _page(client, **params) -> str:
    response = client.get(reverse("core:audit_list"), params)
    assert response.status_code == 200
    return response.content.decode()


def _local(at) -> str:
    return timezone.localtime(at).strftime("%H:%M %d/%m/%Y")


def test_an_event_reads_as_a_vietnamese_sentence(
    make_agency, make_person, supervisor, client_for
) -> None:
    justice = make_agency("Sở Tư pháp")
    officer = make_person(justice, Role.SECURITY_OFFICER, "Nguyễn Văn A")
    with transaction.atomic():
        event = audit.record(
            actor=officer, action="secret.register_outgoing", obj=make_agency("12")
        )
    page = _page(client_for(supervisor))
    expected = (
        f"Nguyễn Văn A (Sở Tư pháp) đã đăng ký văn bản mật «12» vào sổ đi lúc {_local(event.at)}"
    )
    assert expected in html.unescape(page)


def test_changes_show_field_names_and_old_and_new_values(supervisor, client_for) -> None:
    police = supervisor.memberships.get().agency
    services.update_agency(actor=supervisor, agency=police, phone="069 123")
    page = html.unescape(_page(client_for(supervisor)))
    assert (
        "Lê Thị Giám Sát (Công an tỉnh) đã cập nhật thông tin cơ quan, đơn vị «Công an tỉnh»"
        in page
    )
    label = str(Agency._meta.get_field("phone").verbose_name)
    assert f"<strong>{label}</strong>: — → 069 123" in page


def test_an_unknown_action_code_still_reads_as_a_sentence(supervisor, client_for) -> None:
    with transaction.atomic():
        audit.record(
            actor=supervisor,
            action="archive.seal_box",
            obj=supervisor.memberships.get().agency,
            changes={"sealed_on": [None, "2026-12-03"]},
        )
    page = html.unescape(_page(client_for(supervisor)))
    kind = str(Agency._meta.verbose_name)
    assert f"đã thực hiện thao tác “archive seal box” đối với {kind} «Công an tỉnh»" in page
    assert "sealed on</strong>: — → 03/12/2026" in page


def test_a_failed_login_without_an_actor_names_the_account_typed(supervisor, client_for) -> None:
    token = audit.client_address.set("10.0.0.7")
    try:
        with transaction.atomic():
            event = audit.record(
                actor=None,
                action="account.login_failed",
                changes={"username": "ke-la", "failures": 2},
            )
    finally:
        audit.client_address.reset(token)
    assert event.actor_id is None and event.changes == {"username": "ke-la", "failures": 2}
    assert audit.verify_chain().ok
    page = html.unescape(_page(client_for(supervisor)))
    assert (
        "Người dùng chưa đăng nhập đã đăng nhập không thành công với tên đăng nhập «ke-la» "
        f"lúc {_local(event.at)}"
    ) in page


def test_filters_narrow_by_person_agency_kind_date_and_object(
    make_agency, make_person, supervisor, client_for
) -> None:
    justice, health = make_agency("Sở Tư pháp"), make_agency("Sở Y tế")
    hoa = make_person(justice, Role.SECURITY_OFFICER, "Nguyễn Thị Hoa")
    binh = make_person(health, Role.SECURITY_OFFICER, "Trần Văn Bình")
    with transaction.atomic():
        audit.record(
            actor=hoa, action="secret.read", obj=make_agency("Hồ sơ Alpha"), agency=justice
        )
        audit.record(actor=binh, action="secret.read", obj=make_agency("Hồ sơ Beta"), agency=health)
        audit.record(actor=hoa, action="account.logout", obj=hoa)  # no agency: hers counts
    client = client_for(supervisor)

    def sentences(**params) -> list[str]:
        page = html.unescape(_page(client, **params))
        return re.findall(r"<td>([^<]* đã [^<]*)</td>", page)

    assert len(sentences()) == 3
    assert all("Hoa" in s for s in sentences(person="hoa"))
    assert len(sentences(person="hoa")) == 2
    assert len(sentences(agency=justice.pk)) == 2
    assert [s for s in sentences(agency=health.pk)] == [s for s in sentences() if "Beta" in s]
    assert all("xem văn bản mật" in s for s in sentences(kind="secret"))
    assert len(sentences(kind="account")) == 1
    assert len(sentences(object_name="beta")) == 1 and "Beta" in sentences(object_name="beta")[0]
    today = timezone.localdate()
    assert len(sentences(since=today.strftime("%d/%m/%Y"), until=today.strftime("%d/%m/%Y"))) == 3
    tomorrow = (today + timedelta(days=1)).strftime("%d/%m/%Y")
    assert sentences(since=tomorrow) == []
    yesterday = (today - timedelta(days=1)).strftime("%d/%m/%Y")
    assert sentences(until=yesterday) == []
    page = html.unescape(_page(client, since="2026-12-31"))
    assert "Nhập ngày theo dạng dd/mm/yyyy." in page


def test_the_page_costs_the_same_queries_for_10_and_60_events(
    make_agency, make_person, supervisor, client_for, django_assert_num_queries
) -> None:
    client = client_for(supervisor)
    people = [make_person(make_agency(), Role.SECURITY_OFFICER) for _ in range(3)]

    def add(count: int) -> None:
        with transaction.atomic():
            for n in range(count):
                audit.record(
                    actor=people[n % 3],
                    action="secret.list",
                    changes={"where": "registry", "items": [n]},
                )

    add(10)
    client.get(reverse("core:audit_list"))  # session and caches warm
    with CaptureQueriesContext(connection) as small:
        _page(client)
    add(50)
    with CaptureQueriesContext(connection) as large:
        assert "đã xem danh sách 1 văn bản mật" in html.unescape(_page(client))
    assert len(large) == len(small)


def test_a_change_keyed_by_a_reverse_relation_reads_without_error() -> None:
    """An item's event may name `copies`, a reverse relation with no verbose name of its own
    (the page answered 500 for the demo's supervisor)."""
    from bmnn.registry.models import SecretItem

    assert audit_text.field_label(SecretItem, "copies") == str(audit_text.FIELD_LABELS["copies"])
    assert audit_text.field_label(SecretItem, "level") == str(
        SecretItem._meta.get_field("level").verbose_name
    )
