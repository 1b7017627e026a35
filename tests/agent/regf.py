"""Builds Windows registry hive files ("regf", the format of SYSTEM, SOFTWARE, NTUSER.DAT) for
the agent's tests: base block with checksum, one hive bin, nk / lh / vk / value-list cells laid
out as Windows lays them out (names compressed to Latin-1, subkeys sorted with the lh hash,
values of 4 bytes or less stored in the vk cell itself)."""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from datetime import UTC, datetime

REG_SZ, REG_BINARY, REG_DWORD, REG_MULTI_SZ = 1, 3, 4, 7
NONE = 0xFFFFFFFF


def filetime(moment: datetime) -> int:
    return int((moment - datetime(1601, 1, 1, tzinfo=UTC)).total_seconds() * 10_000_000)


def sz(text: str) -> tuple[int, bytes]:
    return REG_SZ, (text + "\x00").encode("utf-16-le")


def multi_sz(items: list[str]) -> tuple[int, bytes]:
    return REG_MULTI_SZ, ("\x00".join(items) + "\x00\x00").encode("utf-16-le")


def dword(value: int) -> tuple[int, bytes]:
    return REG_DWORD, struct.pack("<I", value)


def binary(data: bytes) -> tuple[int, bytes]:
    return REG_BINARY, data


def systemtime(moment: datetime) -> tuple[int, bytes]:
    weekday = (moment.weekday() + 1) % 7
    return REG_BINARY, struct.pack(
        "<8H",
        moment.year,
        moment.month,
        weekday,
        moment.day,
        moment.hour,
        moment.minute,
        moment.second,
        0,
    )


@dataclass
class Key:
    name: str
    values: dict[str, tuple[int, bytes]] = field(default_factory=dict)
    subkeys: list[Key] = field(default_factory=list)
    last_write: datetime = datetime(2026, 11, 10, 8, 0, tzinfo=UTC)

    def add(
        self,
        path: str,
        values: dict[str, tuple[int, bytes]] | None = None,
        last_write: datetime | None = None,
    ) -> Key:
        key = self
        for part in path.split("\\"):
            child = next((k for k in key.subkeys if k.name.lower() == part.lower()), None)
            if child is None:
                child = Key(part)
                key.subkeys.append(child)
            key = child
        key.values.update(values or {})
        if last_write is not None:
            key.last_write = last_write
        return key


class _Writer:
    def __init__(self) -> None:
        self.data = bytearray(b"\0" * 32)  # the hive bin header, filled in at the end

    def alloc(self, payload_size: int) -> int:
        size = (payload_size + 4 + 7) // 8 * 8
        offset = len(self.data)
        self.data += struct.pack("<i", -size) + b"\0" * (size - 4)
        return offset

    def put(self, offset: int, payload: bytes) -> None:
        self.data[offset + 4 : offset + 4 + len(payload)] = payload

    def cell(self, payload: bytes) -> int:
        offset = self.alloc(len(payload))
        self.put(offset, payload)
        return offset


def _lh_hash(name: str) -> int:
    value = 0
    for char in name.upper():
        value = (value * 37 + ord(char)) & 0xFFFFFFFF
    return value


def _key(writer: _Writer, key: Key, parent: int, root: bool = False) -> int:
    name = key.name.encode("latin-1")
    offset = writer.alloc(76 + len(name))
    children = sorted(key.subkeys, key=lambda k: k.name.upper())
    child_offsets = [_key(writer, child, offset) for child in children]
    sublist = NONE
    if child_offsets:
        payload = b"lh" + struct.pack("<H", len(child_offsets))
        payload += b"".join(
            struct.pack("<II", o, _lh_hash(c.name))
            for o, c in zip(child_offsets, children, strict=True)
        )
        sublist = writer.cell(payload)
    value_offsets = []
    for value_name, (kind, data) in key.values.items():
        encoded = value_name.encode("latin-1")
        if len(data) <= 4:
            size, where = len(data) | 0x80000000, int.from_bytes(data.ljust(4, b"\0"), "little")
        else:
            size, where = len(data), writer.cell(data)
        value_offsets.append(
            writer.cell(
                b"vk" + struct.pack("<HIIIHH", len(encoded), size, where, kind, 1, 0) + encoded
            )
        )
    values_list = (
        writer.cell(b"".join(struct.pack("<I", o) for o in value_offsets))
        if value_offsets
        else NONE
    )
    flags = 0x20 | (0x04 | 0x08 if root else 0)
    header = b"nk" + struct.pack(
        "<HQIIIIIIIIIIIIIIIHH",
        flags,
        filetime(key.last_write),
        0,
        parent,
        len(children),
        0,
        sublist,
        NONE,
        len(value_offsets),
        values_list,
        NONE,
        NONE,
        max([len(c.name) * 2 for c in children] or [0]),
        0,
        max([len(v) * 2 for v in key.values] or [0]),
        max([len(d) for _k, d in key.values.values()] or [0]),
        0,
        len(name),
        0,
    )
    writer.put(offset, header + name)
    return offset


def build(root: Key) -> bytes:
    writer = _Writer()
    root_offset = _key(writer, root, NONE, root=True)
    size = (len(writer.data) + 4095) // 4096 * 4096
    if size > len(writer.data):  # the rest of the bin is one free cell
        free = size - len(writer.data)
        writer.data += struct.pack("<i", free) + b"\0" * (free - 4)
    writer.data[0:32] = (
        b"hbin"
        + struct.pack("<III", 0, size, 0)
        + struct.pack("<Q", 0)
        + struct.pack("<I", 0)
        + b"\0" * 4
    )
    base = bytearray(4096)
    base[0:4] = b"regf"
    struct.pack_into(
        "<IIQIIIIII",
        base,
        4,
        1,
        1,
        filetime(datetime(2026, 11, 10, tzinfo=UTC)),
        1,
        5,
        0,
        1,
        root_offset,
        size,
    )
    struct.pack_into("<I", base, 0x2C, 1)
    base[0x30 : 0x30 + 40] = "\\SystemRoot\\System32\\Config\\SYSTEM".encode("utf-16-le")[:40]
    checksum = 0
    for (word,) in struct.iter_unpack("<I", bytes(base[:508])):
        checksum ^= word
    struct.pack_into("<I", base, 0x1FC, checksum)
    return bytes(base) + bytes(writer.data)
