"""Choosing the extractor by content (magic bytes first, the name only to break ties)."""

from __future__ import annotations

import io
import re
import zipfile

from bmnn.scanner.engine.limits import DEFAULT, Budget, ExtractError, Limits
from bmnn.scanner.engine.model import Extracted

IMAGE_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "image"),
    (b"\xff\xd8\xff", "image"),
    (b"II*\x00", "image"),
    (b"MM\x00*", "image"),
    (b"BM", "image"),
    (b"GIF87a", "image"),
    (b"GIF89a", "image"),
)


def sniff(data: bytes, name: str = "") -> str:
    lower = name.lower()
    head = data[:2048]
    if head.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "pdf"
    for magic, kind in IMAGE_MAGIC:
        if head.startswith(magic):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
            return "docx" if lower.endswith(".docx") else "zip"
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "ppt/presentation.xml" in names:
            return "pptx"
        if "content.xml" in names and "mimetype" in names:
            return "odf"  # OpenDocument (LibreOffice's ODT, ODS, ODP)
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"  # legacy .doc/.xls/.ppt
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        return "rtf"  # often saved with a .doc name
    if lower.endswith((".eml", ".msg.eml")):
        return "eml"
    if _looks_like_web_archive(head):
        return "mht"  # Word's "single file web page", often renamed .doc
    if _looks_like_mail(head):
        return "eml"
    if _looks_like_word_xml(head):
        return "wordml"  # Word 2003 XML (or Word 2007's flat XML), saved as .xml or .doc
    probe = head.lstrip().lower()
    if lower.endswith((".htm", ".html", ".xhtml")) or probe.startswith(
        (b"<!doctype html", b"<html")
    ):
        return "html"
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary"
    return "text"


_MIME_FIELD = re.compile(rb"^([A-Za-z][\w-]{0,60}):")
# fields a mail message has and a saved web page does not
_MAIL_ONLY = frozenset((b"to", b"cc", b"received", b"message-id", b"in-reply-to", b"x-mailer"))
_WORD_XML = re.compile(
    r"""<\?mso-application\s+progid\s*=\s*["']Word\.Document["']|<(?:\w+:)?wordDocument\b"""
)


def _looks_like_web_archive(head: bytes) -> bool:
    """A MIME document (an MHT web archive) whose top part is multipart/related or a page, with
    none of the fields of a mail message."""
    top = head.lstrip(b"\xef\xbb\xbf \t\r\n").replace(b"\r\n", b"\n")
    fields: dict[bytes, bytes] = {}
    for line in top.split(b"\n\n", 1)[0].split(b"\n")[:30]:
        match = _MIME_FIELD.match(line)
        if match:
            fields[match.group(1).lower()] = line[match.end() :].strip().lower()
        elif not line[:1].isspace():  # neither a field nor its continuation: not MIME
            return False
    kind = fields.get(b"content-type", b"")
    return (
        b"mime-version" in fields
        and kind.startswith((b"multipart/related", b"text/html"))
        and not fields.keys() & _MAIL_ONLY
    )


def _looks_like_word_xml(head: bytes) -> bool:
    """Word's XML: a Word 2003 <w:wordDocument>, or any XML that names Word as its program."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", "replace")
    else:
        text = head.decode("utf-8", "replace")
    text = text.lstrip("\ufeff \t\r\n")
    return text.startswith("<") and _WORD_XML.search(text) is not None


def _looks_like_mail(head: bytes) -> bool:
    lines = head.split(b"\n", 20)[:20]
    fields = {line.split(b":", 1)[0].strip().lower() for line in lines if b":" in line[:40]}
    return (
        len(
            fields
            & {b"from", b"to", b"subject", b"date", b"mime-version", b"received", b"message-id"}
        )
        >= 3
    )


def extract(
    data: bytes, name: str = "", limits: Limits = DEFAULT, budget: Budget | None = None
) -> Extracted:
    """The text of one file and its members; readers that expand (archives, office files,
    mail) spend the scan's `budget` (a fresh one from `limits` when none is given)."""
    from bmnn.scanner.engine.extract import archive, images, legacy, odf, office, pdf, plain

    if not data:
        raise ExtractError("empty", "the file is empty")
    if len(data) > limits.max_file_bytes:
        raise ExtractError("too_large", f"{len(data)} bytes, limit {limits.max_file_bytes}")
    budget = budget if budget is not None else Budget(limits)
    budget.check()
    kind = sniff(data, name)
    readers = {"pdf": pdf.extract_pdf, "image": images.extract_image, "text": plain.extract_text}
    # readers that expand (members, pictures of a page) spend the scan's budget
    spending = {
        "html": plain.extract_html,
        "docx": office.extract_docx,
        "xlsx": office.extract_xlsx,
        "pptx": office.extract_pptx,
        "odf": odf.extract_odf,
        "zip": archive.extract_zip,
        "eml": plain.extract_mail,
        "ole": legacy.extract_ole,
        "rtf": legacy.extract_rtf,
        "mht": legacy.extract_mht,
        "wordml": legacy.extract_wordml,
    }
    if kind in spending:
        return spending[kind](data, limits, budget)
    if kind not in readers:
        raise ExtractError("unsupported", "not a document format the scanner reads")
    return readers[kind](data, limits)
