"""The guard the suite applies to every agency bundle it makes can fail: a register line, a
section an agency does not send, or a registry file is caught."""

from __future__ import annotations

import json
from datetime import date

import pytest

from bmnn.registry.models import CatalogueItem, SecretItem
from bmnn.sync.register_guard import problems

pytestmark = pytest.mark.django_db


def _files(
    sections: dict, attachments: dict | None = None, role: str = "agency"
) -> dict[str, bytes]:
    files = {"envelope.json": json.dumps({"from_role": role, "seq": 1}).encode()}
    files.update(
        {
            f"sections/{k}.json": json.dumps(v, ensure_ascii=False).encode()
            for k, v in sections.items()
        }
    )
    files.update({f"attachments/{k}": v for k, v in (attachments or {}).items()})
    return files


def test_a_register_line_a_foreign_section_or_a_registry_file_is_caught(make_agency) -> None:
    from bmnn.registry.models import Catalogue

    agency = make_agency("Sở Y tế")
    catalogue = Catalogue.objects.create(
        sector="Y tế", decision="1/QĐ-TTg", issued_on=date(2020, 1, 1)
    )
    entry = CatalogueItem.objects.create(catalogue=catalogue, code="1", text="Hồ sơ", level="mat")
    SecretItem.objects.create(
        agency=agency,
        origin="created",
        level="mat",
        number="17/BC-SYT",
        catalogue_item=entry,
        summary="Báo cáo tình hình dịch bệnh quý IV",
    )
    clean = {"progress": [{"id": 1, "note": "Đã tập huấn 40 người"}]}
    assert problems(_files(clean)) == []
    assert problems(_files({"progress": [{"id": 1, "note": "17/BC-SYT"}]}))
    assert problems(
        _files({"progress": [{"note": "Gửi kèm: Báo cáo tình hình dịch bệnh quý IV (bản sao)"}]})
    )
    assert problems(_files({"registry": [{"id": 1}]}))
    assert problems(_files(clean, {"item-3.pdf": b"%PDF"}))
    assert (
        problems(_files({"registry": [{"id": 1}]}, role="province")) == []
    )  # the province sends what it owns
