"""Signed bundles: accepted only whole, from a trusted key, of the expected kind."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from bmnn.core import bundles

PEM, PUBLIC = bundles.generate_key()
OTHER_PEM, OTHER_PUBLIC = bundles.generate_key()
TRUSTED = {bundles.key_id(PUBLIC): PUBLIC}
FILES = {"payload.json": json.dumps({"findings": [1, 2]}).encode(), "a/anh.png": b"\x89PNG..."}


def _rewrite(data: bytes, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    members = {name: source.read(name) for name in source.namelist()}
    change(members)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def test_a_bundle_round_trips() -> None:
    data = bundles.write("scanner-findings", FILES, private_pem=PEM, issuer="Máy quét tỉnh Bắc Lâm")
    bundle = bundles.read(data, trusted=TRUSTED, kind="scanner-findings")
    assert bundle.files == FILES and bundle.issuer == "Máy quét tỉnh Bắc Lâm"
    assert bundle.json() == {"findings": [1, 2]}


@pytest.mark.parametrize(
    "change,code",
    [
        (lambda m: m.__setitem__("files/payload.json", b'{"findings": [1, 2, 3]}'), "tampered"),
        (lambda m: m.__setitem__("files/extra.txt", b"x"), "tampered"),
        (lambda m: m.pop("files/a/anh.png"), "tampered"),
        (lambda m: m.__setitem__("manifest.json", m["manifest.json"].replace(b"scanner-findings", b"report")), "bad_signature"),
        (lambda m: m.pop("signature.json"), "unsigned"),
        (lambda m: m.__setitem__("signature.json", b"{not json"), "malformed"),
    ],
)  # fmt: skip
def test_an_altered_bundle_is_rejected_with_the_reason(change, code) -> None:
    data = _rewrite(bundles.write("scanner-findings", FILES, private_pem=PEM, issuer="x"), change)
    with pytest.raises(bundles.BundleError) as refused:
        bundles.read(data, trusted=TRUSTED, kind="scanner-findings")
    assert refused.value.code == code


def test_a_foreign_key_or_the_wrong_kind_is_rejected() -> None:
    foreign = bundles.write("scanner-findings", FILES, private_pem=OTHER_PEM, issuer="lạ")
    with pytest.raises(bundles.BundleError) as refused:
        bundles.read(foreign, trusted=TRUSTED, kind="scanner-findings")
    assert refused.value.code == "untrusted"
    report = bundles.write("report", FILES, private_pem=PEM, issuer="x")
    with pytest.raises(bundles.BundleError) as wrong:
        bundles.read(report, trusted=TRUSTED, kind="scanner-findings")
    assert wrong.value.code == "wrong_kind"


@pytest.mark.parametrize("data", [b"", b"not a zip", b"PK\x03\x04broken"])
def test_what_is_not_a_bundle_is_rejected(data) -> None:
    with pytest.raises(bundles.BundleError) as refused:
        bundles.read(data, trusted=TRUSTED, kind="scanner-findings")
    assert refused.value.code == "malformed"
