"""Plain text in any common encoding, HTML pages and e-mail messages with their attachments."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage

from bmnn.scanner.engine.limits import DEFAULT, Budget, ExtractError, LimitReached, Limits
from bmnn.scanner.engine.model import BODY, HEADER, Block, Extracted
from bmnn.scanner.engine.normalise import nfc

HEADER_LINES = 15


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else what charset-normalizer recognises (Windows-1258,
    UTF-16, VNI-free legacy code pages)."""
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            return nfc(data.decode(codec, errors="replace"))
    try:
        return nfc(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:2_000_000]).best()
    if best is None:
        raise ExtractError("encoding", "the text encoding could not be recognised")
    return nfc(str(best))


def lines_to_blocks(
    text: str, *, origin: str = "text", start: int = 0, header_lines: int = HEADER_LINES
) -> list[Block]:
    blocks: list[Block] = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        zone = HEADER if len(blocks) < header_lines else BODY
        blocks.append(Block(text=line, zone=zone, order=start + len(blocks), origin=origin))
    return blocks


def extract_text(data: bytes, limits: Limits = DEFAULT) -> Extracted:
    return Extracted(kind="text", blocks=lines_to_blocks(decode(data))[: limits.max_blocks])


def html_text(data: bytes) -> str:
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    tree = HTMLParser(decode(data))
    for node in tree.css("script, style, noscript, template"):
        node.decompose()
    root = tree.body or tree.root
    return "" if root is None else root.text(separator="\n")


def extract_html(data: bytes, limits: Limits = DEFAULT) -> Extracted:
    return Extracted(
        kind="html", blocks=lines_to_blocks(html_text(data), origin="html")[: limits.max_blocks]
    )


def extract_mail(data: bytes, limits: Limits = DEFAULT, budget: Budget | None = None) -> Extracted:
    """Subject and body as text; every attachment becomes a member scanned on its own."""
    try:
        message = email.message_from_bytes(data, policy=email.policy.default)
    except Exception as exc:
        raise ExtractError("malformed", "the message cannot be parsed") from exc
    if not isinstance(message, EmailMessage):  # the default policy always makes one
        raise ExtractError("malformed", "the message cannot be parsed")
    result = Extracted(kind="eml")
    subject = str(message.get("subject", "") or "")
    if subject.strip():
        result.blocks.append(Block(text=nfc(subject).strip(), zone=HEADER, origin="mail"))
    body = message.get_body(preferencelist=("plain", "html"))
    if body is not None:
        try:
            content = body.get_content()
        except (LookupError, ValueError, AssertionError):
            raw = body.get_payload(decode=True)
            content = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else ""
        if body.get_content_type() == "text/html":
            content = html_text(content.encode("utf-8"))
        result.blocks += lines_to_blocks(str(content), origin="mail", start=len(result.blocks))
    for index, part in enumerate(message.iter_attachments()):
        if len(result.members) >= limits.max_members_scanned:
            result.notes.append("too many attachments; the rest were not scanned")
            break
        if budget is not None:
            try:
                budget.spend_member()
            except LimitReached as exc:
                result.limit = exc
                break
        payload = part.get_payload(decode=True)
        if isinstance(payload, bytes) and budget is not None:
            try:
                budget.spend_bytes(len(payload))
            except LimitReached as exc:
                result.limit = exc
                break
        if isinstance(payload, bytes):
            name = part.get_filename() or f"attachment-{index + 1}"
            result.members.append((name, payload))
        elif part.get_content_type() == "message/rfc822":
            inner = part.get_payload()
            if isinstance(inner, list) and inner and hasattr(inner[0], "as_bytes"):
                result.members.append((f"message-{index + 1}.eml", inner[0].as_bytes()))
    return result
