"""Demo registers for tỉnh Bắc Lâm: a catalogue, and at Sở Tư pháp documents received, issued,
copied and provided, each through the services, so the books have real lines."""

from __future__ import annotations

from datetime import date

from bmnn.org.models import Agency, Person, Role
from bmnn.registry import services
from bmnn.registry.models import Catalogue, CatalogueItem, SecretItem

CATALOGUE = "Quyết định số 1295/QĐ-TTg (mô phỏng, dùng cho dữ liệu mẫu)"
INCOMING = [
    # (issuer, number, date, type, summary, level)
    ("Bộ Tư pháp", "215/BTP-VP", date(2026, 3, 12), "Công văn", "Hướng dẫn lập hồ sơ bí mật thi hành án", "mat"),
    ("Công an tỉnh Bắc Lâm", "88/KH-CAT-ANCTNB", date(2026, 9, 9), "Kế hoạch", "Bảo đảm an toàn máy tính soạn thảo văn bản mật", "toi_mat"),
    ("Văn phòng Tỉnh ủy", "12-TB/VPTU", date(2026, 10, 2), "Thông báo", "Ý kiến chỉ đạo của Thường trực Tỉnh ủy", "tuyet_mat"),
    ("UBND tỉnh Bắc Lâm", "301/UBND-NC", date(2026, 11, 3), "Công văn", "Rà soát danh mục bí mật nhà nước", "mat"),
]  # fmt: skip


def load_demo_registry() -> int:
    if Catalogue.objects.filter(decision=CATALOGUE).exists():
        return 0
    justice = Agency.objects.get(code="demo-stp")
    health = Agency.objects.get(code="demo-syt")
    head = Person.objects.get(username="thutruong")
    officer = Person.objects.get(username="baomat")
    staff = Person.objects.get(username="canbo")
    health_officer = Person.objects.get(
        memberships__agency=health, memberships__role=Role.SECURITY_OFFICER
    )
    catalogue = Catalogue.objects.create(
        sector="Tư pháp", decision=CATALOGUE, issued_on=date(2020, 7, 1)
    )
    mat = CatalogueItem.objects.create(catalogue=catalogue, code="2.1", level="mat",
                                       text="Hồ sơ, tài liệu về thi hành án hình sự chưa công bố")  # fmt: skip
    CatalogueItem.objects.create(catalogue=catalogue, code="1.4", level="toi_mat",
                                 text="Phương án bảo vệ trụ sở, kho lưu trữ hồ sơ mật")  # fmt: skip
    added = 0
    for issuer, number, day, doc_type, summary, level in INCOMING:
        services.register_incoming(actor=officer, agency=justice, level=level, issuer_name=issuer,
                                   number=number, doc_date=day, doc_type=doc_type, summary=summary,
                                   received_on=day)  # fmt: skip
        added += 1
    proposal = services.propose_item(actor=staff, agency=justice, level="mat", catalogue_item=mat,
                                     doc_type="Báo cáo", summary="Kết quả rà soát hồ sơ thi hành án năm 2026",
                                     recipients="Bộ Tư pháp; Công an tỉnh; Lưu: VT", copies_planned=3,
                                     copy_allowed=True)  # fmt: skip
    item = services.classify_item(
        actor=head, item=proposal, number="156/BC-STP", doc_date=date(2026, 11, 10)
    )
    services.register_outgoing(actor=officer, item=item, day=date(2026, 11, 10))
    services.authorise_copies(actor=head, item=item, count=2, purpose="Gửi Sở Y tế phối hợp")
    services.record_copies(actor=officer, item=item, count=2, recipients="Sở Y tế; Lưu")
    services.attach_file(actor=officer, item=item, name="156-BC-STP.txt",
                         data="Báo cáo kết quả rà soát hồ sơ thi hành án năm 2026 (dữ liệu mẫu)".encode())  # fmt: skip
    copy = item.copies.get(kind="copy", number=1)
    transfer = services.approve_provision(
        actor=head, copy=copy, to_agency=health, purpose="Phối hợp rà soát hồ sơ"
    )
    services.hand_over(actor=officer, transfer=transfer)
    services.receive_transfer(actor=health_officer, transfer=transfer)
    services.propose_item(actor=staff, agency=justice, level="mat", catalogue_item=mat, doc_type="Tờ trình",
                          summary="Đề nghị tiêu hủy tài liệu hết giá trị", copies_planned=1)  # fmt: skip
    return added + 3 + SecretItem.objects.filter(agency=health).count()
