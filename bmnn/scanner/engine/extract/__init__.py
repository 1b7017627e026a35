"""Choosing the extractor by content (magic bytes first, the name only to break ties)."""

from __future__ import annotations

import io
import zipfile

from bmnn.scanner.engine.limits import DEFAULT, Budget, ExtractError, Limits
from bmnn.scanner.engine.model import Extracted

IMAGE_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "image"), (b"\xff\xd8\xff", "image"), (b"II*\x00", "image"),
    (b"MM\x00*", "image"), (b"BM", "image"), (b"GIF87a", "image"), (b"GIF89a", "image"),
)  # fmt: skip
TEXT_SUFFIXES = (".txt", ".csv", ".md", ".log", ".xml", ".json")


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
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"  # legacy .doc/.xls/.ppt
    if lower.endswith((".eml", ".msg.eml")) or _looks_like_mail(head):
        return "eml"
    probe = head.lstrip().lower()
    if lower.endswith((".htm", ".html", ".xhtml")) or probe.startswith(
        (b"<!doctype html", b"<html")
    ):
        return "html"
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary"
    return "text"


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
    from bmnn.scanner.engine.extract import archive, images, office, pdf, plain

    if not data:
        raise ExtractError("empty", "the file is empty")
    if len(data) > limits.max_file_bytes:
        raise ExtractError("too_large", f"{len(data)} bytes, limit {limits.max_file_bytes}")
    budget = budget if budget is not None else Budget(limits)
    budget.check()
    kind = sniff(data, name)
    readers = {
        "pdf": pdf.extract_pdf, "image": images.extract_image, "html": plain.extract_html,
        "text": plain.extract_text,
    }  # fmt: skip
    spending = {
        "docx": office.extract_docx, "xlsx": office.extract_xlsx, "pptx": office.extract_pptx,
        "zip": archive.extract_zip, "eml": plain.extract_mail,
    }  # fmt: skip
    if kind in spending:
        return spending[kind](data, limits, budget)
    if kind not in readers:
        raise ExtractError("unsupported", "legacy Office format; save it as DOCX/XLSX/PPTX or PDF"
                           if kind == "ole" else "not a document format the scanner reads")  # fmt: skip
    return readers[kind](data, limits)
