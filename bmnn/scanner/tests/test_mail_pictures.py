"""A mail's parts scanned on their own are its attachments and the pictures shown in its text:
a photo of a stamped page pasted into the body (a `cid:` image of a multipart/related part)
is read like an attached one; the body's own text parts are read once, as the body."""

from __future__ import annotations

import io
from email.message import EmailMessage

from PIL import Image, ImageDraw, ImageFont

from bmnn.scanner.engine import scan_bytes
from bmnn.scanner.engine.extract.plain import extract_mail
from bmnn.scanner.tests.test_transparent_pictures import FONT


def _picture(text: str | None) -> bytes:
    """A stamp-sized PNG: the level in a red frame, or (None) a plain grey logo."""
    image = Image.new("RGB", (420, 110), "white")
    draw = ImageDraw.Draw(image)
    if text is None:
        draw.ellipse((160, 5, 260, 105), fill=(90, 90, 90))
    else:
        face = ImageFont.truetype(str(FONT), 44)
        draw.rectangle((4, 4, 415, 105), outline=(200, 0, 0), width=5)
        draw.text((30, 25), text, font=face, fill=(200, 0, 0))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _mail(picture: bytes) -> bytes:
    message = EmailMessage()
    message["Subject"] = "Ảnh chụp văn bản"
    message["From"] = "vanthu@sotnmt.example"
    message["To"] = "lanhdao@sotnmt.example"
    message.set_content("Gửi anh ảnh chụp văn bản sáng nay.")
    message.add_alternative(
        '<html><body><p>Gửi anh ảnh chụp văn bản sáng nay.</p><img src="cid:scan01"/></body></html>',
        subtype="html",
    )
    html = message.get_payload()[1]
    html.add_related(picture, "image", "png", cid="<scan01>")
    return message.as_bytes()


def test_a_picture_shown_in_the_body_is_scanned_as_a_part() -> None:
    data = _mail(_picture("TỐI MẬT"))
    extracted = extract_mail(data)
    assert [name for name, _ in extracted.members] == ["attachment-1"]
    verdicts = scan_bytes(data, "thu.eml")
    assert verdicts[0].secret and verdicts[0].level == "toi_mat"
    assert verdicts[1].path == "thu.eml!attachment-1" and verdicts[1].secret


def test_the_body_text_is_not_a_part_and_a_plain_logo_is_not_secret() -> None:
    data = _mail(_picture(None))
    extracted = extract_mail(data)
    assert len(extracted.members) == 1  # the logo; neither text alternative
    assert [b.text for b in extracted.blocks] == [
        "Ảnh chụp văn bản",
        "Gửi anh ảnh chụp văn bản sáng nay.",
    ]
    assert not scan_bytes(data, "thu.eml")[0].secret


def _nested(depth: int) -> bytes:
    """A mail whose one attachment sits inside `depth` multiparts."""
    head = "From: a@b.example\r\nTo: c@d.example\r\nSubject: x\r\nMIME-Version: 1.0\r\n"
    opening = "".join(
        f'Content-Type: multipart/mixed; boundary="b{i}"\r\n\r\n--b{i}\r\n' for i in range(depth)
    )
    leaf = (
        "Content-Type: application/octet-stream\r\n"
        'Content-Disposition: attachment; filename="a.bin"\r\n\r\nabc\r\n'
    )
    closing = "".join(f"--b{i}--\r\n" for i in reversed(range(depth)))
    return (head + opening + leaf + closing).encode()


def test_parts_nested_deeper_than_mail_clients_nest_are_not_looked_into() -> None:
    from bmnn.scanner.engine.extract.plain import MAIL_NESTING

    assert [name for name, _ in extract_mail(_nested(3)).members] == ["a.bin"]
    assert extract_mail(_nested(MAIL_NESTING + 5)).members == []


def test_a_second_text_part_outside_the_body_is_scanned_as_a_part() -> None:
    """A mail of two inline text parts one after the other (no alternative): the first is the
    body, the second (a secret letter pasted as text) is scanned on its own."""
    message = EmailMessage()
    message["Subject"] = "Gửi văn bản"
    message.make_mixed()
    first, second = EmailMessage(), EmailMessage()
    first.set_content("Gửi anh văn bản dưới đây.")
    second.set_content(
        "UBND TỈNH NAM SƠN\nSố: 12/UBND-NC\nTỐI MẬT\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Về việc rà soát nhân sự làm việc ở bộ phận cơ yếu.\n"
    )
    message.attach(first)
    message.attach(second)
    verdict = scan_bytes(message.as_bytes(), "thu.eml")[0]
    assert verdict.secret and verdict.level == "toi_mat"


def _mail_with_html_version(colour: str) -> bytes:
    message = EmailMessage()
    message["Subject"] = "V/v Phương án đấu thầu gói thầu số 07"
    message["From"] = "vanthu@example.gov.vn"
    body = "Phương án đấu thầu gói thầu số 07 trước khi mở thầu.\nĐề nghị nghiên cứu, cho ý kiến."
    message.set_content("MẬT\n\n" + body)
    message.add_alternative(
        f'<html><body><div style="color:{colour};border:2px solid {colour}">MẬT</div>'
        f"<p>{body}</p></body></html>",
        subtype="html",
    )
    return message.as_bytes()


def test_the_plain_body_is_red_where_its_html_version_is_red() -> None:
    """A mail client sends the text twice: plain, read as the body, and HTML, which alone keeps
    the stamp's red. The level line above the text is red only when the HTML version draws it
    in red, and weighs more then (typed atop the body, it marks the mail either way)."""
    red = extract_mail(_mail_with_html_version("#c8101e")).blocks
    black = extract_mail(_mail_with_html_version("#222222")).blocks
    assert [b.text for b in red if b.red] == ["MẬT"]
    assert not any(b.red for b in black)
    in_red = scan_bytes(_mail_with_html_version("#c8101e"), "thu.eml")[0]
    in_black = scan_bytes(_mail_with_html_version("#222222"), "thu.eml")[0]
    assert in_red.secret and in_red.score > in_black.score
