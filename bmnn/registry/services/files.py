"""Electronic files of items, encrypted at rest."""

from __future__ import annotations

import os
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from bmnn.core import crypto, policy
from bmnn.core.services import require, service
from bmnn.core.storage import random_name, sha256_of
from bmnn.core.uploads import check_upload
from bmnn.org.models import Person
from bmnn.registry import stamp
from bmnn.registry.models import (
    ItemFile,
    ItemStatus,
    SecretItem,
)
from bmnn.registry.services.common import _audit, _require_clearance

FILE_KINDS = {"pdf", "docx", "xlsx", "png", "jpeg", "text"}


@service
def attach_file(*, actor: Person, item: SecretItem, name: str, data: bytes) -> ItemFile:
    """Stores the item's electronic file encrypted at rest, under a random name."""
    item = SecretItem.objects.get(pk=item.pk)
    require(
        policy.can_keep_registers(actor, item.agency_id) or item.author_id == actor.pk,
        _("Only the drafter or the security officer attaches the file."),
    )
    _require_clearance(actor, item.level)
    content_type = check_upload(name, data, FILE_KINDS)
    stored = ItemFile(
        item=item,
        original_name=name[:255],
        content_type=content_type,
        size=len(data),
        sha256=sha256_of(data),
        uploaded_by=actor,
    )
    stored.blob.save(
        random_name("secret-files", "x.bin"), ContentFile(crypto.encrypt(data)), save=False
    )
    stored.save()
    _audit(actor, "secret.attach_file", item, {"file": name, "sha256": stored.sha256})
    return stored


@service
def open_file(*, actor: Person, stored: ItemFile, stamped: bool = False) -> bytes:
    """Decrypts a file for a reader who may see the item; each download is audited. A PDF can
    be served with the level stamp in the prescribed place (TT24 Forms 02 and 19)."""
    require(policy.can_read_item(actor, stored.item), _("You may not read this item."))
    with stored.blob.open("rb") as handle:
        data = crypto.decrypt(handle.read())
    if sha256_of(data) != stored.sha256:
        raise ValidationError(_("The stored file does not match its fingerprint."))
    if stamped:
        if stored.content_type != "application/pdf":
            raise ValidationError(_("Only a PDF file can be stamped."))
        if stored.item.status != ItemStatus.CLASSIFIED:
            raise ValidationError(_("Only a classified item carries a level stamp."))
        try:
            data = stamp.stamp_pdf(data, stored.item.level)
        except stamp.StampError as exc:
            raise ValidationError(
                _("The PDF cannot be stamped: %(reason)s.") % {"reason": exc}
            ) from exc
    _audit(
        actor, "secret.download", stored.item, {"file": stored.original_name, "stamped": stamped}
    )
    return data


def rotate_file_keys() -> int:
    """Re-encrypts every stored file under the newest key; returns how many."""
    count = 0
    for stored in ItemFile.objects.all().iterator():
        with stored.blob.open("rb") as handle:
            token = handle.read()
        fresh = crypto.reencrypt(token)
        path = Path(stored.blob.path)
        partial = path.with_suffix(".rotating")
        partial.write_bytes(fresh)
        os.replace(partial, path)  # atomic: the file is always readable with some key
        count += 1
    return count
