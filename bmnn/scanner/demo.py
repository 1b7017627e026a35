"""Demo scanner data for tỉnh Bắc Lâm: the province portal registered (not scheduled — the demo
machine has no internet), one finished scan, and what it found, as a scanner host's bundle
would bring them in."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from bmnn.core import audit
from bmnn.org.models import Agency, Person
from bmnn.scanner import services
from bmnn.scanner.models import CrawlRun, Finding, Portal

PORTAL = "Cổng Thông tin điện tử tỉnh Bắc Lâm"
BASE = "https://baclam.gov.vn.example"


def load_demo_scanner() -> int:
    if Portal.objects.filter(name=PORTAL).exists():
        return 0
    supervisor = Person.objects.get(username="giamsat")
    office = Agency.objects.filter(code="demo-vpubnd").first()
    portal = services.save_portal(
        actor=supervisor,
        name=PORTAL,
        agency=office,
        start_urls=BASE + "/",
        allowed_hosts="baclam.gov.vn.example",
        max_depth=3,
        max_pages=2000,
        delay=1.0,
        every_days=1,
        enabled=False,
    )
    started = timezone.now() - timedelta(days=1, hours=3)
    with transaction.atomic(durable=True):
        run = CrawlRun.objects.create(
            portal=portal,
            requested_by=supervisor,
            state=CrawlRun.State.DONE,
            pages=412,
            documents=187,
            unchanged=0,
            errors=3,
            new_findings=2,
        )
        CrawlRun.objects.filter(pk=run.pk).update(
            started_at=started, finished_at=started + timedelta(minutes=41)
        )
        rows = [
            (
                f"{BASE}/van-ban/2026/156-bc-stp.pdf",
                f"{BASE}/tin-tuc/so-tu-phap-tong-ket.html",
                "mat",
                [
                    {
                        "rule": "level_stamp",
                        "text": "MẬT",
                        "page": 1,
                        "zone": "header",
                        "score": 0.95,
                        "box": [0.17, 0.118, 0.24, 0.131],
                    }
                ],
                Finding.Status.OPEN,
                "",
            ),
            (
                f"{BASE}/uploads/anh/hop-giao-ban-3.jpg",
                f"{BASE}/tin-tuc/hop-giao-ban-quy-iii.html",
                "toi_mat",
                [
                    {
                        "rule": "level_stamp",
                        "text": "TỐI MẬT",
                        "page": 1,
                        "zone": "header",
                        "score": 0.9,
                        "box": [0.31, 0.22, 0.45, 0.25],
                    }
                ],
                Finding.Status.REMOVED,
                "Đã đề nghị Văn phòng UBND gỡ ảnh khỏi bài viết",
            ),
        ]
        for url, referrer, level, evidence, status, note in rows:
            score = 0.95 if level == "mat" else 0.9
            finding = Finding.objects.create(
                portal=portal,
                url=url,
                referrer=referrer,
                content_hash=hashlib.sha256(url.encode()).hexdigest(),
                level=level,
                score=score,
                evidence=evidence,
                first_seen=started + timedelta(minutes=12),
                last_seen=started + timedelta(minutes=12),
                status=status,
                note=note,
                decided_by=supervisor if status != Finding.Status.OPEN else None,
            )
            audit.record(
                actor=None,
                action="scanner.finding",
                obj=finding,
                changes={"url": url, "level": level},
            )
    return 1 + len(rows)
