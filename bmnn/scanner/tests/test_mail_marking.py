"""A level typed atop a mail's body — the sender's own marking, since a mail has no header to
stamp — right under the subject, or under the header fields of a message forwarded in it. The
same line further down the body, among prose, is not that marking."""

from __future__ import annotations

from email.message import EmailMessage

import pytest

from bmnn.scanner.engine import scan_bytes

PROSE = [
    "Trạm đặt tại điểm cao 38, cách tỉnh lộ 4 km về phía tây bắc.",
    "Lực lượng canh gác gồm 22 chiến sĩ chia thành ba ca trực.",
]


def _mail(body: list[str], subject: str = "Phương án bảo vệ trạm K52") -> bytes:
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = "vanthu@example.vn"
    message["To"] = "lanhdao@example.vn"
    message.set_content("\n".join(body))
    return message.as_bytes()


@pytest.mark.parametrize(
    ("body", "level"),
    [
        (["TỐI MẬT", "PHƯƠNG ÁN", *PROSE], "toi_mat"),
        (["MẬT", *PROSE], "mat"),
        (
            [
                "Chuyển tiếp để xử lý.",
                "---------- Forwarded message ---------",
                "From: vanthu@example.vn",
                "Subject: Phương án bảo vệ trạm K52",
                "[ TUYỆT MẬT ]",
                *PROSE,
            ],
            "tuyet_mat",
        ),
    ],
)
def test_a_level_atop_a_mails_body_marks_it(body: list[str], level: str) -> None:
    verdict = scan_bytes(_mail(body), "thu.eml")[0]
    assert (verdict.secret, verdict.level) == (True, level)


@pytest.mark.parametrize(
    "body",
    [
        [*PROSE, "TỐI MẬT", "Đề nghị các đơn vị rà soát."],
        ["Kính gửi các đồng chí,", "TỐI MẬT", *PROSE],
    ],
)
def test_the_same_line_inside_the_body_is_not_the_marking(body: list[str]) -> None:
    verdict = scan_bytes(_mail(body), "thu.eml")[0]
    assert not verdict.secret
