"""What may travel between nodes, at its boundaries, without the database."""

from __future__ import annotations

from bmnn.sync import rules


def test_a_node_exchanges_bundles_only_with_a_node_of_the_other_kind() -> None:
    assert rules.may_exchange("province", "agency")
    assert rules.may_exchange("agency", "province")
    assert not rules.may_exchange("province", "province")
    assert not rules.may_exchange("agency", "agency")
    assert not rules.may_exchange("agency", "")


def test_only_task_evidence_is_attached_to_an_agency_bundle() -> None:
    """ND26 Art. 4.7: nothing of the register travels; the evidence of a task done may."""
    assert rules.attachment_may_leave_agency("evidence-12")
    assert not rules.attachment_may_leave_agency("register-12")
    assert not rules.attachment_may_leave_agency("item-12-evidence-")
    assert not rules.attachment_may_leave_agency("")


def test_a_register_line_is_a_number_or_holds_a_summary_of_twelve_characters_or_more() -> None:
    numbers = {"15/BC-STP"}
    summaries = ["Kế hoạch A1", "Kế hoạch A12", ""]  # 11 and 12 characters, and an empty one
    assert rules.register_line_in("15/BC-STP", numbers, summaries)
    assert not rules.register_line_in("Số 15/BC-STP", numbers, [])  # a number is matched whole
    assert rules.register_line_in("Báo cáo: Kế hoạch A12 năm 2026", numbers, summaries)
    assert not rules.register_line_in("Báo cáo: Kế hoạch A1 năm 2026", numbers, summaries)
    assert not rules.register_line_in("anything", set(), [""])  # an empty summary matches nothing
