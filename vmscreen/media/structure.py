"""The byte structure of an image file: where its image data ends, whether that structure is
complete, and what (if anything) follows it.

Pillow decodes an image and ignores whatever follows it, and libjpeg pads a JPEG whose scan data
stops early. So a ZIP or a second photo appended to a JPEG, HTML after a PNG, or a JPEG that
claims 10000x11000 pixels but holds a thumbnail's worth of data all decode "fine". vmscreen must
never pass what it did not look at, so this module walks each format's own structure (markers,
chunks, blocks, boxes, IFD offsets) over the raw bytes, with no decoder involved.

Pure standard library, linear time, and it never raises: hostile bytes give a Structure whose
``damage`` says where parsing broke.
"""

from __future__ import annotations

import codecs
import re
import struct
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["Structure", "inspect"]


@dataclass(frozen=True)
class Structure:
    """What a file's byte structure says about its extent, so callers can refuse what was not
    looked at (trailing bytes) or what is not whole (damage)."""

    end: int | None  # offset just past the last byte the structure accounts for (None: unknown)
    damage: str | None  # why the structure is incomplete or inconsistent, one line, or None
    trailing: int  # bytes after `end` that are not padding (0 when none or unknown)
    trailing_kind: str | None  # what those bytes look like ("zip", "jpeg", ...); None when 0


UNKNOWN = Structure(None, None, 0, None)

# Padding is never trailing data: cameras and some writers fill the end of a file (or the gap
# between the pictures of an MPO) with runs of 0x00 or 0xFF bytes, to a sector or a fixed size.
_PADDING = re.compile(rb"[\x00\xff]*")
# After a JPEG's EOI a few stray bytes of any value are tolerated too: some cameras and editors
# leave a second EOI, a CR/LF or a few bytes of junk there. Sixteen bytes hold no second image
# and no archive; anything longer counts as trailing data.
_JPEG_STRAY = 16


def inspect(data: bytes, fmt: str, frames: int = 1) -> Structure:
    """Where the image data of ``data`` (in Pillow's format ``fmt``) ends, whether its structure
    is complete, and what follows it. ``frames`` is Pillow's frame count (the number of JPEG
    streams of an MPO). Never raises: hostile bytes give ``damage``."""
    try:
        return _inspect(data, fmt, frames)
    except (IndexError, ValueError, OverflowError, struct.error, TypeError) as error:
        # A safety net only: the parsers check their bounds, but a file that escapes them must
        # still come back as damaged (never passed), not as an exception.
        return Structure(None, f"unreadable {fmt} structure ({type(error).__name__})", 0, None)


def _inspect(data: bytes, fmt: str, frames: int = 1) -> Structure:
    """``inspect`` without its safety net, so tests can show the parsers need none."""
    if not isinstance(data, bytes):
        data = bytes(data)
    family = str(fmt).upper()
    parser = _PARSERS.get(family)
    if parser is None:
        return UNKNOWN
    end, damage = parser(data, max(1, int(frames)))
    if end is None:
        return Structure(None, damage, 0, None)
    end = max(0, min(end, len(data)))
    trailing, kind = _trailing(data, end, stray=_JPEG_STRAY if family in ("JPEG", "MPO") else 0)
    return Structure(end, damage, trailing, kind)


# ---------------------------------------------------------------------------------------------
# Trailing data


def _skip_padding(data: bytes, pos: int) -> int:
    """The first offset at or after ``pos`` that is not padding. A file that starts with padding
    bytes is found where it starts, not a few bytes in."""
    match = _PADDING.match(data, pos)
    stop = match.end() if match else pos
    if stop > pos and data[stop - 1 : stop + 2] == b"\xff\xd8\xff":
        return stop - 1
    # Nor the zero high bytes of the size of an ISO box (an MP4 starts 00 00 00 xx 'ftyp').
    for start in range(max(pos, stop - 3), stop):
        if data[start + 4 : start + 8] == b"ftyp":
            return start
    return stop


def _trailing(data: bytes, end: int, stray: int) -> tuple[int, str | None]:
    """How many bytes after ``end`` are not padding, and what they look like. Leading padding is
    skipped; from the first other byte on, everything counts (a ZIP's own zeros included)."""
    start = _skip_padding(data, end)
    if start >= len(data):
        return 0, None
    if stray and len(data[start:].rstrip(b"\x00\xff")) <= stray:
        return 0, None
    return len(data) - start, _kind(data[start : start + 512])


_MARKUP = (b"<html", b"<!doctype", b"<?xml", b"<svg", b"<head", b"<body", b"<script")


def _kind(head: bytes) -> str:
    """What a run of bytes looks like, from its first bytes."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"GIF8"):
        return "gif"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "tiff"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").lower().startswith(_MARKUP):
        return "html"
    if head[4:8] == b"ftyp":
        return "mp4"
    # Not final: a multi-byte character cut by the 512-byte window is not held against it.
    text = codecs.getincrementaldecoder("utf-8")("replace").decode(head, final=False)
    printable = sum(ch != "\ufffd" and (ch.isprintable() or ch in "\t\r\n") for ch in text)
    return "text" if text and printable >= 0.9 * len(text) else "data"


def _size(count: int) -> str:
    return f"{count} bytes" if count < 10 * 1024 else f"{count // 1024} KB"


# ---------------------------------------------------------------------------------------------
# JPEG and MPO

# The end of a scan's entropy-coded data: 0xFF followed by anything but a stuffed 0x00, a
# restart marker RSTn or another 0xFF (a fill byte before the marker).
_SCAN_END = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")
# Fill bytes: any number of 0xFF may precede a marker.
_FILL = re.compile(rb"\xff+")
# Far beyond any real file (a 200 MB JPEG of 64 KB segments has 3200): a file of millions of
# empty segments is refused as damaged instead of costing seconds of Python.
_MAX_SEGMENTS = 65536
# The same for the chunks of a PNG or WebP and the boxes of a HEIF (a real file has at most
# thousands), and for the sub-blocks of a GIF (at most 255 bytes each: a real GIF has about
# one per 256 bytes, so it is allowed one per 128).
_MAX_PARTS = 1_000_000
# Huffman-coded, non-hierarchical frames (baseline, extended, progressive, lossless): the ones
# whose scan data has a lower bound in bytes. Arithmetic coding can code a flat image in far less
# than one bit per block, and hierarchical files hold several frames, so they are not checked.
_HUFFMAN_SOF = (0xC0, 0xC1, 0xC2, 0xC3)
_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


def _jpeg_stream(data: bytes, pos: int) -> tuple[int, str | None]:
    """Walk one JPEG stream from its SOI at ``pos`` to its EOI: (offset past EOI, damage).

    Segments with a length (APPn, DQT, DHT, SOFn, DRI, COM, ...) are skipped by that length, so
    an EXIF thumbnail inside APP1 is never mistaken for the end. Each SOS is followed by
    entropy-coded data that runs to the next marker that is not RSTn (0xFF00 is a stuffed byte).
    """
    n = len(data)
    if data[pos : pos + 2] != b"\xff\xd8":
        return pos, "no JPEG start-of-image marker"
    i = pos + 2
    frame: tuple[int, int, int] | None = None  # (marker, width, height) of the first SOF
    luma_blocks = 0
    scans = 0
    scan_bytes = 0
    for _ in range(_MAX_SEGMENTS):
        if i >= n:
            return n, "JPEG has no end-of-image marker"
        found = _FILL.match(data, i)
        if found is None:
            return i, f"JPEG has stray bytes where a marker should be, at offset {i}"
        i = found.end() - 1
        if i + 1 >= n:
            return n, "JPEG has no end-of-image marker"
        marker = data[i + 1]
        if marker == 0xD9:  # EOI
            end = i + 2
            break
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # RSTn, TEM: no length
            i += 2
            continue
        if marker in (0xD8, 0x00):
            return i, f"JPEG has an unexpected marker ff{marker:02x} at offset {i}"
        if i + 4 > n:
            return n, "JPEG ends inside a marker segment (no end-of-image marker)"
        length = int.from_bytes(data[i + 2 : i + 4], "big")
        if length < 2:
            return i, f"JPEG segment ff{marker:02x} at offset {i} has an invalid length"
        seg_end = i + 2 + length
        if seg_end > n:
            return n, f"JPEG ends inside its ff{marker:02x} segment (no end-of-image marker)"
        if marker in _SOF and frame is None and length >= 8:
            frame, luma_blocks = _jpeg_frame(data, i + 4, seg_end, marker)
        i = seg_end
        if marker == 0xDA:  # SOS: entropy-coded data follows, up to the next real marker
            scans += 1
            found = _SCAN_END.search(data, i)
            if found is None:
                return n, "JPEG ends inside its scan data (no end-of-image marker)"
            scan_bytes += found.start() - i
            i = found.start()
    else:
        return i, f"JPEG has more than {_MAX_SEGMENTS} marker segments"
    if frame is None or scans == 0:
        return end, "JPEG has no frame header or no scan"
    marker, width, height = frame
    # Every 8x8 block of every component carries a DC coefficient, and in any Huffman-coded JPEG
    # (baseline, or the first DC scan of a progressive one) each DC difference is sent as a
    # Huffman code of at least one bit, even when it is zero and the tables are optimised (a
    # Huffman code is never zero bits long; libjpeg even reserves the all-ones code). So all
    # scans together hold at least one bit per luma block. Fewer bytes mean the header claims
    # pixels the file does not hold, and libjpeg would silently pad them.
    if marker in _HUFFMAN_SOF and luma_blocks and scan_bytes * 8 < luma_blocks:
        return end, (f"JPEG scan data is {_size(scan_bytes)}, too short for "
                     f"{width}x{height} pixels")
    return end, None


def _jpeg_frame(data: bytes, body: int, seg_end: int, marker: int
                ) -> tuple[tuple[int, int, int], int]:
    """The frame of a SOF segment body and its number of 8x8 luma blocks (0: not computable)."""
    height = int.from_bytes(data[body + 1 : body + 3], "big")
    width = int.from_bytes(data[body + 3 : body + 5], "big")
    count = data[body + 5]
    components = [data[body + 6 + 3 * k + 1] for k in range(count)
                  if body + 6 + 3 * k + 2 < seg_end]
    frame = (marker, width, height)
    if not components or height == 0 or width == 0:  # height 0: a DNL marker gives it later
        return frame, 0
    hs = [c >> 4 for c in components]
    vs = [c & 15 for c in components]
    if min(hs) == 0 or min(vs) == 0:
        return frame, 0
    # The first component is luma; its plane is scaled by its sampling factor over the largest.
    luma_w = -(-width * hs[0] // max(hs))
    luma_h = -(-height * vs[0] // max(vs))
    return frame, (-(-luma_w // 8)) * (-(-luma_h // 8))


def _jpeg(data: bytes, frames: int) -> tuple[int, str | None]:
    return _jpeg_stream(data, 0)


def _mpo(data: bytes, frames: int) -> tuple[int, str | None]:
    """An MPO is ``frames`` whole JPEG streams one after another (padding may sit between)."""
    end, damage = _jpeg_stream(data, 0)
    for index in range(2, frames + 1):
        if damage is not None:
            return end, damage
        start = _skip_padding(data, end)
        if data[start : start + 3] != b"\xff\xd8\xff":
            return end, f"MPO picture {index} of {frames} is missing"
        end, damage = _jpeg_stream(data, start)
        if damage is not None:
            damage = f"MPO picture {index}: {damage}"
    return end, damage


# ---------------------------------------------------------------------------------------------
# PNG


def _png(data: bytes, frames: int) -> tuple[int, str | None]:
    """Signature, then chunks (length, type, data, CRC) up to and including IEND. CRCs are not
    verified: the decoder does that; this is about extent."""
    n = len(data)
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        return 0, "no PNG signature"
    i = 8
    for _ in range(_MAX_PARTS):
        if i == n:
            return n, "PNG ends before its IEND chunk"
        if i + 8 > n:
            return n, "PNG ends inside a chunk header (before its IEND chunk)"
        length = int.from_bytes(data[i : i + 4], "big")
        kind = data[i + 4 : i + 8]
        if length > 0x7FFFFFFF:
            return i, f"PNG chunk at offset {i} has an invalid length"
        end = i + 12 + length
        if end > n:
            name = kind.decode("latin-1")
            return n, f"PNG chunk {name!r} runs past the end of the file (before its IEND chunk)"
        if kind == b"IEND":
            return end, None
        i = end
    return i, f"PNG has more than {_MAX_PARTS} chunks"


# ---------------------------------------------------------------------------------------------
# GIF


def _sub_blocks(data: bytes, i: int, budget: int) -> tuple[int | None, int]:
    """Offset past a chain of data sub-blocks and its terminator (None if the file or the budget
    of sub-blocks ends first), and the budget left."""
    n = len(data)
    while i < n and budget > 0:
        size = data[i]
        i += 1 + size
        budget -= 1
        if size == 0:
            return i, budget
    return None, budget


def _gif(data: bytes, frames: int) -> tuple[int, str | None]:
    """Header, screen descriptor, global colour table, then image descriptors and extensions
    (each with data sub-blocks) until the trailer 0x3B."""
    n = len(data)
    if data[:6] not in (b"GIF87a", b"GIF89a"):
        return 0, "no GIF header"
    if n < 13:
        return n, "GIF ends inside its screen descriptor"
    packed = data[10]
    i = 13 + ((3 << ((packed & 7) + 1)) if packed & 0x80 else 0)
    budget = max(_MAX_PARTS, n // 128)
    while True:
        if i >= n:
            return n, "GIF ends before its trailer"
        block = data[i]
        if block == 0x3B:  # trailer
            return i + 1, None
        if block == 0x2C:  # image descriptor, local colour table, LZW code size, sub-blocks
            if i + 10 > n:
                return n, "GIF ends inside an image descriptor"
            packed = data[i + 9]
            i += 10 + ((3 << ((packed & 7) + 1)) if packed & 0x80 else 0)
            nxt, budget = _sub_blocks(data, i + 1, budget)  # i: the LZW minimum code size
        elif block == 0x21:  # extension: label, then sub-blocks
            nxt, budget = _sub_blocks(data, i + 2, budget)
        else:
            return i, f"GIF has an unexpected block 0x{block:02x} at offset {i}"
        if nxt is None and budget <= 0:
            return i, "GIF has too many data sub-blocks"
        if nxt is None or nxt > n:
            return n, "GIF ends inside a block (before its trailer)"
        i = nxt


# ---------------------------------------------------------------------------------------------
# WebP


def _webp(data: bytes, frames: int) -> tuple[int, str | None]:
    """A RIFF file: its extent is 8 + the RIFF size (padded to even). The chunks inside must fit
    in it."""
    n = len(data)
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        return 0, "no RIFF WEBP header"
    size = int.from_bytes(data[4:8], "little")
    end = 8 + size + (size & 1)
    if size < 4:
        return 12, "WebP RIFF size is too small"
    if 8 + size > n:
        return n, f"WebP RIFF size says {8 + size} bytes, the file has {n}"
    i = 12
    for _ in range(_MAX_PARTS):
        if i + 8 > 8 + size:
            break
        length = int.from_bytes(data[i + 4 : i + 8], "little")
        chunk_end = i + 8 + length
        if chunk_end > 8 + size:
            name = data[i : i + 4].decode("latin-1")
            return end, f"WebP chunk {name!r} runs past the end of the RIFF data"
        i = chunk_end + (length & 1)
    else:
        return end, f"WebP has more than {_MAX_PARTS} chunks"
    if i == 12:
        return end, "WebP has no chunks"
    return min(end, n), None


# ---------------------------------------------------------------------------------------------
# TIFF

_TYPE_SIZES = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4}
_IFD_POINTERS = {0x8769: "Exif", 0x8825: "GPS", 0xA005: "Interoperability"}
_SUB_IFDS = 0x014A
# (offsets tag, byte counts tag): strips, tiles, an old-style JPEG thumbnail, free space.
_DATA_PAIRS = ((0x0111, 0x0117), (0x0144, 0x0145), (0x0201, 0x0202), (0x0120, 0x0121))
_MAX_IFDS = 1024


def _tiff(data: bytes, frames: int) -> tuple[int | None, str | None]:
    """TIFF places everything by offset, so the extent is the furthest byte reached from the
    header: every IFD (next-IFD chains, SubIFDs, Exif, GPS and Interoperability IFDs), every
    out-of-line value, every strip and tile."""
    n = len(data)
    if data[:4] == b"II*\x00":
        order = "<"
    elif data[:4] == b"MM\x00*":
        order = ">"
    elif data[:4] in (b"II+\x00", b"MM\x00+"):
        return None, None  # BigTIFF: 64-bit offsets, not walked
    else:
        return 0, "no TIFF header"
    if n < 8:
        return n, "TIFF ends inside its header"
    extent = 8
    # Well-formed IFDs and arrays do not overlap, so these budgets are never reached by a real
    # file; they keep a hostile file (IFDs pointing into each other) linear in its size.
    entry_budget = n // 12 + 64
    value_budget = n // 2 + 1024
    queue: list[tuple[int, bool]] = [(struct.unpack_from(order + "I", data, 4)[0], True)]
    visited: set[int] = set()
    while queue:
        offset, chained = queue.pop()
        if offset == 0 or offset in visited:
            continue
        visited.add(offset)
        if len(visited) > _MAX_IFDS:
            return extent, "TIFF has too many IFDs"
        if offset + 2 > n:
            return n, f"TIFF IFD at offset {offset} is past the end of the file"
        count = struct.unpack_from(order + "H", data, offset)[0]
        ifd_end = offset + 2 + 12 * count + 4
        if ifd_end > n:
            return n, f"TIFF IFD at offset {offset} runs past the end of the file"
        entry_budget -= count
        if entry_budget < 0:
            return extent, "TIFF IFDs overlap"
        extent = max(extent, ifd_end)
        arrays: dict[int, tuple[int, ...]] = {}
        for k in range(count):
            entry = offset + 2 + 12 * k
            tag, kind, number = struct.unpack_from(order + "HHI", data, entry)
            size = _TYPE_SIZES.get(kind)
            if size is None:
                continue  # unknown type: readers skip it, and so does this walk
            length = size * number
            where = entry + 8
            if length > 4:
                where = struct.unpack_from(order + "I", data, entry + 8)[0]
                if where + length > n:
                    return n, f"TIFF tag {tag} value runs past the end of the file"
                extent = max(extent, where + length)
            wanted = (tag in _IFD_POINTERS or tag == _SUB_IFDS
                      or any(tag in pair for pair in _DATA_PAIRS))
            if not wanted or kind not in (3, 4, 13):
                continue
            value_budget -= number
            if value_budget < 0:
                return extent, "TIFF offset arrays overlap"
            code = "H" if kind == 3 else "I"
            arrays[tag] = struct.unpack_from(f"{order}{number}{code}", data, where)
        if chained:
            queue.append((struct.unpack_from(order + "I", data, ifd_end - 4)[0], True))
        for pointer in _IFD_POINTERS:
            queue.extend((target, False) for target in arrays.get(pointer, ())[:1])
        queue.extend((target, True) for target in arrays.get(_SUB_IFDS, ()))
        for offsets_tag, counts_tag in _DATA_PAIRS:
            for start, length in zip(arrays.get(offsets_tag, ()), arrays.get(counts_tag, ()),
                                     strict=False):
                if start + length > n:
                    return n, f"TIFF image data at offset {start} runs past the end of the file"
                extent = max(extent, start + length)
    if extent & 1 and extent < n and data[extent] == 0:
        extent += 1  # writers pad to a word boundary
    return extent, None


# ---------------------------------------------------------------------------------------------
# BMP


def _bmp(data: bytes, frames: int) -> tuple[int | None, str | None]:
    """A BMP's extent is its pixel array (and an embedded ICC profile, which may follow it). The
    file size field is trusted only when the layout cannot be computed (compressed pixels):
    anyone can set it to cover bytes appended to the image."""
    n = len(data)
    if data[:2] != b"BM":
        return 0, "no BMP header"
    if n < 26:
        return n, "BMP ends inside its header"
    file_size, _, pixels = struct.unpack_from("<III", data, 2)
    header = struct.unpack_from("<I", data, 14)[0]
    if file_size > n:
        return n, f"BMP file size field says {file_size} bytes, the file has {n}"
    plausible = pixels <= file_size <= n and file_size >= 26
    if header == 12:  # BITMAPCOREHEADER (OS/2 1.x): 16-bit sizes, never compressed
        width, height, _, bits = struct.unpack_from("<HHHH", data, 18)
        compression = 0
    elif header >= 16 and n >= 14 + min(header, 40):
        width, height, _, bits = struct.unpack_from("<iiHH", data, 18)
        compression = struct.unpack_from("<I", data, 30)[0] if header >= 20 else 0
        if header == 64 and compression:  # OS/2 2.x: 3 and 4 are Huffman and RLE24 there
            compression = -1
    else:
        return (file_size if plausible else None), None
    if compression not in (0, 3, 6) or bits not in (1, 4, 8, 16, 24, 32) or width <= 0:
        return (file_size if plausible else None), None  # compressed: only the field says
    stride = (bits * width + 31) // 32 * 4
    end = pixels + stride * abs(height)
    if header >= 124 and n >= 14 + 124:  # BITMAPV5HEADER: a profile may follow the pixels
        cs_type = struct.unpack_from("<I", data, 14 + 56)[0]
        profile, profile_size = struct.unpack_from("<II", data, 14 + 112)
        if cs_type in (0x4D424544, 0x4C494E4B) and profile_size:  # 'MBED', 'LINK'
            end = max(end, 14 + profile + profile_size)
    if end > n:
        return n, f"BMP pixel data needs {end} bytes, the file has {n}"
    return end, None


# ---------------------------------------------------------------------------------------------
# HEIF and AVIF (ISO base media file format)

_BOX_TYPE = re.compile(rb"[\x20-\x7e]{4}")
# The types of real top-level boxes (ftyp, meta, mdat, moov, free, uuid...): a box that runs
# past the end of the file is truncation only if its type looks like one.
_BOX_NAME = re.compile(rb"[a-z0-9]{4}")


def _isobmff(data: bytes, frames: int) -> tuple[int, str | None]:
    """Top-level boxes from ftyp on; the extent is the end of the last box. Bytes that do not
    parse as a box, or a second ftyp (a second file), are left as trailing data."""
    n = len(data)
    if data[4:8] != b"ftyp":
        return 0, "no ftyp box"
    i = 0
    for _ in range(_MAX_PARTS):
        if i + 8 > n:
            break
        size = int.from_bytes(data[i : i + 4], "big")
        kind = data[i + 4 : i + 8]
        header = 8
        if size == 1:
            if i + 16 > n:
                return n, "file ends inside a box header"
            size = int.from_bytes(data[i + 8 : i + 16], "big")
            header = 16
        elif size == 0:  # the last box, to the end of the file
            size = n - i
        if size < header or not _BOX_TYPE.fullmatch(kind) or (kind == b"ftyp" and i > 0):
            if i == 0:
                return 0, "invalid ftyp box"
            break
        if i + size > n:
            if not _BOX_NAME.fullmatch(kind):  # text or junk read as a box: trailing data
                break
            return n, f"box {kind.decode('latin-1')!r} runs past the end of the file"
        i += size
    else:
        return i, f"HEIF file has more than {_MAX_PARTS} top-level boxes"
    return i, None


_PARSERS: dict[str, Callable[[bytes, int], tuple[int | None, str | None]]] = {
    "JPEG": _jpeg,
    "MPO": _mpo,
    "PNG": _png,
    "GIF": _gif,
    "WEBP": _webp,
    "TIFF": _tiff,
    "BMP": _bmp,
    "HEIF": _isobmff,
    "AVIF": _isobmff,
}
