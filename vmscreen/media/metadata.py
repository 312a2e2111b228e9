"""Readers for the metadata a file carries: EXIF (with GPS), XMP, IPTC-IIM and PNG text.

The raw blocks are captured when the file is opened (no pixel decode needed) and parsed on first
use. Parsing is defensive: hostile XML is refused by defusedxml, and a broken block becomes an
entry in ``errors`` rather than an exception, so one bad EXIF segment does not hide the XMP.
"""

from __future__ import annotations

import contextlib
import re
import struct
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from defusedxml import ElementTree as SafeET
from PIL import ExifTags, Image

MetaValue = str | int | float

_MAX_XMP_BYTES = 4 * 1024 * 1024
_MAX_TEXT = 4096  # longer metadata strings are truncated: they are labels, not documents

_XMP_NAMESPACES = {
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://ns.adobe.com/xap/1.0/rights/": "xmpRights",
    "http://ns.adobe.com/xap/1.0/": "xmp",
    "http://ns.adobe.com/photoshop/1.0/": "photoshop",
    "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/": "Iptc4xmpCore",
    "http://iptc.org/std/Iptc4xmpExt/2008-02-29/": "Iptc4xmpExt",
    "http://ns.adobe.com/exif/1.0/": "exif",
    "http://cipa.jp/exif/1.0/": "exifEX",
    "http://ns.adobe.com/exif/1.0/aux/": "aux",
    "http://ns.adobe.com/tiff/1.0/": "tiff",
    "http://ns.useplus.org/ldf/xmp/1.0/": "plus",
}
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

# IPTC-IIM record 2 datasets we read, by their IPTC names.
_IPTC_DATASETS = {
    25: "Keywords",
    80: "By-line",
    85: "By-lineTitle",
    90: "City",
    92: "Sub-location",
    95: "Province-State",
    101: "Country-PrimaryLocationName",
    105: "Headline",
    110: "Credit",
    115: "Source",
    116: "CopyrightNotice",
    120: "Caption-Abstract",
    122: "Writer-Editor",
}

_EXIF_IFD = 0x8769
_GPS_IFD = 0x8825


@dataclass(frozen=True)
class GpsFix:
    """A position in decimal degrees, and which block it came from."""

    latitude: float
    longitude: float
    source: str


@dataclass(frozen=True)
class RawMetadata:
    """The undecoded metadata blocks of a file, captured at open."""

    exif: bytes = b""
    xmp: bytes = b""
    iptc: bytes = b""
    text: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class MediaMetadata:
    """Parsed metadata. Keys are the standard's own names (EXIF tag names, ``dc:creator``...)."""

    exif: Mapping[str, MetaValue] = field(default_factory=dict)
    gps: GpsFix | None = None
    xmp: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    iptc: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    text: Mapping[str, str] = field(default_factory=dict)
    errors: tuple[str, ...] = ()

    def values(self, *keys: str) -> list[tuple[str, str]]:
        """(field, value) pairs for the named fields across EXIF, XMP, IPTC and PNG text."""
        out: list[tuple[str, str]] = []
        for key in keys:
            for block in (self.exif, self.text):
                if key in block and str(block[key]).strip():
                    out.append((key, str(block[key]).strip()))
            for block in (self.xmp, self.iptc):
                out.extend((key, v) for v in block.get(key, ()) if v.strip())
        return out


# -- capture ----------------------------------------------------------------------------------


def read_raw_metadata(im: Image.Image) -> RawMetadata:
    """Pull the metadata blocks out of a freshly opened (not yet decoded) Pillow image."""
    info = im.info
    exif = info.get("exif") or _raw_profile(info.get("Raw profile type exif")) or b""
    if not exif and hasattr(im, "tag_v2"):  # TIFF keeps EXIF in its own IFD
        try:
            exif = im.getexif().tobytes()
        except Exception:  # noqa: BLE001 - a broken TIFF IFD costs only its metadata
            exif = b""
    xmp = info.get("xmp") or info.get("XML:com.adobe.xmp") or b""
    if not xmp and hasattr(im, "tag_v2"):
        xmp = im.tag_v2.get(700, b"") or b""
    if isinstance(xmp, str):
        xmp = xmp.encode("utf-8")
    iptc = b""
    photoshop = info.get("photoshop")
    if isinstance(photoshop, dict):
        iptc = photoshop.get(0x0404, b"") or b""
    elif "Raw profile type iptc" in info:
        iptc = _photoshop_iim(_raw_profile(info["Raw profile type iptc"]))
    elif hasattr(im, "tag_v2"):
        raw = im.tag_v2.get(33723)
        if isinstance(raw, bytes):
            iptc = raw
        elif isinstance(raw, (tuple, list)) and raw:
            iptc = b"".join(x if isinstance(x, bytes) else struct.pack(">I", x) for x in raw)
    text: list[tuple[str, str]] = []
    for key in ("Copyright", "Author", "Software", "Source", "Comment", "Description", "comment"):
        value = info.get(key)
        if isinstance(value, bytes):
            value = value.decode("utf-8", "replace")
        if isinstance(value, str) and value.strip():
            text.append((key.capitalize(), value[:_MAX_TEXT]))
    return RawMetadata(exif=bytes(exif), xmp=bytes(xmp), iptc=bytes(iptc), text=tuple(text))


def _raw_profile(text: object) -> bytes:
    """ImageMagick's and digiKam's PNG text chunk: '\\nexif\\n   LENGTH\\nHEX...'."""
    if not isinstance(text, str):
        return b""
    lines = text.strip().split("\n")
    try:
        data = bytes.fromhex("".join(lines[2:]))
    except ValueError:
        return b""
    return data


def _photoshop_iim(blob: bytes) -> bytes:
    """The IPTC-IIM resource (0x0404) out of a run of Photoshop '8BIM' image resources."""
    pos = 0
    while pos + 12 <= len(blob) and blob[pos : pos + 4] == b"8BIM":
        resource = struct.unpack(">H", blob[pos + 4 : pos + 6])[0]
        name_length = blob[pos + 6]
        pos += 6 + name_length + 1 + ((name_length + 1) % 2)  # Pascal name, padded to even
        if pos + 4 > len(blob):
            break
        (size,) = struct.unpack(">I", blob[pos : pos + 4])
        pos += 4
        if resource == 0x0404:
            return blob[pos : pos + size]
        pos += size + (size % 2)
    return blob if blob[:1] == b"\x1c" else b""


# -- parsing ----------------------------------------------------------------------------------


def read_metadata(raw: RawMetadata) -> MediaMetadata:
    """Parse every block, collecting (not raising) the problems found."""
    errors: list[str] = []
    exif: dict[str, MetaValue] = {}
    gps: GpsFix | None = None
    if raw.exif:
        try:
            exif, gps = _parse_exif(raw.exif)
        except CorruptExif as damaged:
            exif, gps = damaged.args
            errors.append("EXIF block is damaged; tags after the damage are lost")
        except Exception as exc:  # noqa: BLE001 - Pillow raises many types on hostile EXIF
            errors.append(f"EXIF block unreadable: {type(exc).__name__}")
    xmp: dict[str, tuple[str, ...]] = {}
    if raw.xmp:
        try:
            xmp = _parse_xmp(raw.xmp)
        except Exception as exc:  # noqa: BLE001 - defusedxml and expat raise several types
            errors.append(f"XMP packet unreadable: {type(exc).__name__}")
        if gps is None:
            gps = _xmp_gps(xmp)
    iptc: dict[str, tuple[str, ...]] = {}
    if raw.iptc:
        try:
            iptc = _parse_iptc(raw.iptc)
        except ValueError as exc:
            errors.append(f"IPTC block unreadable: {exc}")
    return MediaMetadata(
        exif=exif, gps=gps, xmp=xmp, iptc=iptc, text=dict(raw.text), errors=tuple(errors)
    )


def _clean(value: Any) -> MetaValue | None:
    if isinstance(value, bytes):
        value = value.rstrip(b"\x00")
        if not value:
            return None
        # XP* tags are UTF-16LE; others are ASCII or UTF-8 in practice.
        if len(value) > 1 and value[1:2] == b"\x00":
            value = value.decode("utf-16-le", "replace")
        else:
            value = value.decode("utf-8", "replace")
    if isinstance(value, str):
        value = value.replace("\x00", "").strip()[:_MAX_TEXT]
        return value or None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    try:
        number = float(value)  # IFDRational and friends
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    return number if number == number else None  # drop NaN from 0/0 rationals


class CorruptExif(ValueError):
    pass


def _parse_exif(blob: bytes) -> tuple[dict[str, MetaValue], GpsFix | None]:
    # Pillow warns rather than raises on a damaged IFD and returns what it could read: keep
    # that, and say the block was damaged, since what it lost may have been the GPS.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        exif = Image.Exif()
        exif.load(blob)
        ifds = (exif, exif.get_ifd(_EXIF_IFD))
        gps_ifd = exif.get_ifd(_GPS_IFD)
    tags, gps = _exif_tags(ifds), _exif_gps(gps_ifd)
    if any("Corrupt EXIF" in str(w.message) for w in caught):
        raise CorruptExif(tags, gps)
    return tags, gps


def _exif_tags(ifds: Iterable[Mapping[int, Any]]) -> dict[str, MetaValue]:
    tags: dict[str, MetaValue] = {}
    for ifd_tags in ifds:
        for tag, value in ifd_tags.items():
            if tag in (_EXIF_IFD, _GPS_IFD):
                continue
            cleaned = _clean(value)
            if cleaned is not None:
                tags[ExifTags.TAGS.get(tag, f"Tag{tag:#06x}")] = cleaned
    return tags


def _dms(value: Any) -> float:
    if isinstance(value, (tuple, list)):
        parts = [float(v) for v in value] + [0.0, 0.0]
        return parts[0] + parts[1] / 60 + parts[2] / 3600
    return float(value)


def _valid_fix(lat: float, lon: float, source: str) -> GpsFix | None:
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or (lat == 0 and lon == 0):
        return None  # out of range, or the (0, 0) many cameras write when they had no fix
    return GpsFix(round(lat, 7), round(lon, 7), source)


def _exif_gps(gps: Mapping[int, Any]) -> GpsFix | None:
    if 2 not in gps or 4 not in gps:
        return None
    try:
        lat, lon = _dms(gps[2]), _dms(gps[4])
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    lat_ref = _clean(gps.get(1)) or "N"
    lon_ref = _clean(gps.get(3)) or "E"
    lat = -lat if str(lat_ref).upper().startswith("S") else lat
    lon = -lon if str(lon_ref).upper().startswith("W") else lon
    return _valid_fix(lat, lon, "exif")


_XMP_COORD = re.compile(
    r"^\s*(\d{1,3})(?:,(\d{1,2}(?:\.\d+)?))?(?:,(\d{1,2}(?:\.\d+)?))?\s*([NSEW])\s*$"
)


def _xmp_coordinate(text: str) -> float | None:
    """XMP's 'DDD,MM.mmk' or 'DDD,MM,SSk' form (XMP spec part 2, GPSCoordinate)."""
    m = _XMP_COORD.match(text.upper())
    if not m:
        try:
            return float(text)
        except ValueError:
            return None
    deg = float(m.group(1)) + float(m.group(2) or 0) / 60 + float(m.group(3) or 0) / 3600
    return -deg if m.group(4) in "SW" else deg


def _xmp_gps(xmp: Mapping[str, tuple[str, ...]]) -> GpsFix | None:
    lat_text = (xmp.get("exif:GPSLatitude") or ("",))[0]
    lon_text = (xmp.get("exif:GPSLongitude") or ("",))[0]
    lat, lon = _xmp_coordinate(lat_text), _xmp_coordinate(lon_text)
    if lat is None or lon is None:
        return None
    return _valid_fix(lat, lon, "xmp")


def _qualified(tag: str) -> str | None:
    if not tag.startswith("{"):
        return None
    uri, _, local = tag[1:].partition("}")
    prefix = _XMP_NAMESPACES.get(uri)
    return f"{prefix}:{local}" if prefix else None


def _utf8_xmp(blob: bytes) -> bytes:
    """XMP may be UTF-16 or UTF-32 (XMP spec part 3); parse everything as UTF-8."""
    for marker, encoding in ((b"\x00\x00\x00<", "utf-32-be"), (b"<\x00\x00\x00", "utf-32-le"),
                             (b"\x00<", "utf-16-be"), (b"<\x00", "utf-16-le")):
        start = blob.find(marker)
        if start >= 0 and start < 8:
            width = 4 if "32" in encoding else 2
            return blob[start : len(blob) - (len(blob) - start) % width].decode(
                encoding, "replace").encode("utf-8")
    return blob


def _parse_xmp(blob: bytes) -> dict[str, tuple[str, ...]]:
    if len(blob) > _MAX_XMP_BYTES:
        raise ValueError("XMP packet too large")
    blob = _utf8_xmp(blob)
    start = blob.find(b"<x:xmpmeta")
    if start < 0:
        start = blob.find(b"<rdf:RDF")
    end_tag = b"</x:xmpmeta>" if blob.find(b"</x:xmpmeta>") >= 0 else b"</rdf:RDF>"
    end = blob.rfind(end_tag)
    if start < 0 or end < 0:
        raise ValueError("no XMP root element")
    root = SafeET.fromstring(blob[start : end + len(end_tag)], forbid_dtd=True)
    fields: dict[str, list[str]] = {}

    def add(key: str | None, value: str | None) -> None:
        if key and value and value.strip():
            fields.setdefault(key, []).append(value.strip()[:_MAX_TEXT])

    def walk(element: Any, key: str | None) -> None:
        # Leaf text belongs to the nearest named property; rdf:li items inherit it.
        for attr, value in element.attrib.items():
            add(_qualified(attr), value)
        children = list(element)
        if not children:
            add(key, element.text)
        for child in children:
            name = _qualified(child.tag)
            walk(child, name if name else key)

    for description in root.iter(f"{{{_RDF}}}Description"):
        walk(description, None)
    return {key: tuple(values) for key, values in fields.items()}


def _iim_records(blob: bytes) -> Iterable[tuple[int, int, bytes]]:
    pos = 0
    while pos + 5 <= len(blob):
        if blob[pos] != 0x1C:
            pos += 1  # IIM may be padded; resynchronise on the tag marker
            continue
        record, dataset = blob[pos + 1], blob[pos + 2]
        (length,) = struct.unpack(">H", blob[pos + 3 : pos + 5])
        pos += 5
        if length & 0x8000:  # extended length: the low bits count the length's own bytes
            count = length & 0x7FFF
            if count > 4 or pos + count > len(blob):
                raise ValueError("bad extended dataset length")
            length = int.from_bytes(blob[pos : pos + count], "big")
            pos += count
        if pos + length > len(blob):
            raise ValueError("dataset runs past the end of the block")
        yield record, dataset, blob[pos : pos + length]
        pos += length


def _parse_iptc(blob: bytes) -> dict[str, tuple[str, ...]]:
    utf8 = False
    fields: dict[str, list[str]] = {}
    for record, dataset, value in _iim_records(blob):
        if record == 1 and dataset == 90:
            utf8 = value == b"\x1b%G"  # coded character set: ESC % G means UTF-8
        elif record == 2 and dataset in _IPTC_DATASETS:
            text = value.decode("utf-8" if utf8 else "latin-1", "replace")
            if not utf8:
                # Many writers omit 1:90 but write UTF-8 all the same.
                with contextlib.suppress(UnicodeDecodeError):
                    text = value.decode("utf-8")
            text = text.strip()[:_MAX_TEXT]
            if text:
                fields.setdefault(_IPTC_DATASETS[dataset], []).append(text)
    return {key: tuple(values) for key, values in fields.items()}
