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


def _mail(body: list[str], subject: str | None = "Phương án bảo vệ trạm K52") -> bytes:
    message = EmailMessage()
    if subject is not None:
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


def test_a_mail_without_a_subject_opens_its_body_with_its_first_line() -> None:
    """With no subject the body's first line is the mail's first: the level typed there is the
    sender's marking, and a level on the line after the greeting is not (it was taken for the
    line under the subject)."""
    atop = scan_bytes(_mail(["TỐI MẬT", "PHƯƠNG ÁN", *PROSE], subject=None), "thu.eml")[0]
    assert (atop.secret, atop.level) == (True, "toi_mat")
    greeted = _mail(["Kính gửi các đồng chí,", "TỐI MẬT", *PROSE], subject=None)
    assert not scan_bytes(greeted, "thu.eml")[0].secret
