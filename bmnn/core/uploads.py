"""Checking uploaded files by their content, not their name, before anything is stored."""

from __future__ import annotations

import io
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_UPLOAD_BYTES = 20 * 1024 * 1024

KINDS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "text": "text/plain",
}


def kind_of(data: bytes) -> str | None:
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"PK\x03\x04"):
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except zipfile.BadZipFile:
            return None
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        return None
    try:
        data[:65536].decode("utf-8")
    except UnicodeDecodeError:
        return None
    return "text" if b"\x00" not in data[:65536] else None


def check_upload(name: str, data: bytes, allowed: set[str]) -> str:
    """Returns the MIME type of an acceptable file; otherwise a Vietnamese ValidationError."""
    if not data:
        raise ValidationError(_("The file %(name)s is empty.") % {"name": name})
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file %(name)s is larger than %(limit)s MB.")
            % {"name": name, "limit": MAX_UPLOAD_BYTES // (1024 * 1024)}
        )
    kind = kind_of(data)
    if kind not in allowed:
        raise ValidationError(
            _("The file %(name)s is not an accepted type (%(kinds)s).")
            % {"name": name, "kinds": ", ".join(sorted(k.upper() for k in allowed))}
        )
    refuse_secret_here(name, data)
    return KINDS[kind]


def refuse_secret_here(name: str, data: bytes) -> None:
    """On a node that holds no secrets (BMNN_HOLDS_SECRETS=false), a file the leak scanner
    reads as marked secret, or cannot read in full, is refused: such annexes go on the secret
    channel. A node that holds secrets takes them (they are stored encrypted)."""
    from django.conf import settings

    if settings.BMNN_HOLDS_SECRETS:
        return
    from bmnn.scanner.engine import scan_bytes

    verdict = scan_bytes(data, name)[0]
    if (verdict.secret and not verdict.declassified) or verdict.limit:
        raise ValidationError(
            _(
                "The file %(name)s bears a state-secret marking (or could not be read in full): "
                "this node holds no secrets, so send it on the secret channel, not here."
            )
            % {"name": name}
        )
