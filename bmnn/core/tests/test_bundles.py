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


def _rewrite(data: bytes, change, keep_signature: bool = True) -> bytes:
    """The bundle's members changed and zipped again, with the original signature comment."""
    source = zipfile.ZipFile(io.BytesIO(data))
    members = {name: source.read(name) for name in source.namelist()}
    change(members)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
        if keep_signature:
            archive.comment = source.comment
    return out.getvalue()


def test_a_bundle_round_trips() -> None:
    data = bundles.write("scanner-findings", FILES, private_pem=PEM, issuer="Máy quét tỉnh Bắc Lâm")
    bundle = bundles.read(data, trusted=TRUSTED, kind="scanner-findings")
    assert bundle.files == FILES and bundle.issuer == "Máy quét tỉnh Bắc Lâm"
    assert bundle.json() == {"findings": [1, 2]}


@pytest.mark.parametrize(
    "change,code",
    [
        (
            lambda m: m.__setitem__("files/payload.json", b'{"findings": [1, 2, 3]}'),
            "bad_signature",
        ),
        (lambda m: m.__setitem__("files/extra.txt", b"x"), "bad_signature"),
        (lambda m: m.pop("files/a/anh.png"), "bad_signature"),
        (
            lambda m: m.__setitem__(
                "manifest.json", m["manifest.json"].replace(b"scanner-findings", b"report")
            ),
            "bad_signature",
        ),
        (lambda m: None, "bad_signature"),  # the same members zipped again: other bytes
    ],
)
def test_an_altered_bundle_is_rejected_with_the_reason(change, code) -> None:
    data = _rewrite(bundles.write("scanner-findings", FILES, private_pem=PEM, issuer="x"), change)
    with pytest.raises(bundles.BundleError) as refused:
        bundles.read(data, trusted=TRUSTED, kind="scanner-findings")
    assert refused.value.code == code


def test_an_unsigned_archive_is_rejected() -> None:
    data = _rewrite(
        bundles.write("scanner-findings", FILES, private_pem=PEM, issuer="x"), lambda m: None, False
    )
    with pytest.raises(bundles.BundleError) as refused:
        bundles.read(data, trusted=TRUSTED, kind="scanner-findings")
    assert refused.value.code == "unsigned"


def test_changing_any_single_byte_is_rejected() -> None:
    """Every position of a real bundle, each flipped in turn: never accepted, never anything
    but a BundleError (the signature covers every byte of the archive, and itself)."""
    data = bundles.write("scanner-findings", FILES, private_pem=PEM, issuer="Máy quét tỉnh Bắc Lâm")
    codes = set()
    for position in range(len(data)):
        for mask in (0x01, 0x80):
            altered = bytearray(data)
            altered[position] ^= mask
            with pytest.raises(bundles.BundleError) as refused:
                bundles.read(bytes(altered), trusted=TRUSTED, kind="scanner-findings")
            codes.add(refused.value.code)
    assert codes <= {"bad_signature", "malformed", "untrusted", "unsigned"}
    assert (
        bundles.read(data, trusted=TRUSTED, kind="scanner-findings").files == FILES
    )  # the original still reads


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
