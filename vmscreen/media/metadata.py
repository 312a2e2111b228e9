"""Readers for the metadata a file carries: EXIF (with GPS), XMP, IPTC-IIM and PNG text.

The raw blocks are captured when the file is opened (no pixel decode needed) and parsed on first
use. Both steps are defensive: hostile XML is refused by defusedxml; a block Pillow hands over in
a form we do not understand (an XMP tag typed SHORT, an IPTC tag that is a number) is dropped;
and a broken or dropped block becomes an entry in ``errors`` rather than an exception, so one bad
EXIF segment does not hide the XMP, and an unreadable block is never mistaken for an absent one.

GPS: a position is a ``GpsFix``. A position that is recorded but cannot be read (degrees that are
0/0 or out of range, an XMP coordinate that does not parse) is no fix, but it is not silence
either: ``MediaMetadata.gps_unreadable`` names the block that holds it, since it may still be
read by others and restricted zones could not be checked against it. Minutes and seconds written
as 0/0 count as 0 (writers use 0/0 for "not given"); (0, 0) is the "no fix" many cameras write.
"""

from __future__ import annotations

import contextlib
import math
import re
import struct
import warnings
from collections.abc import Callable, Iterable, Mapping
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
    """The undecoded metadata blocks of a file, captured at open, and the blocks that were
    present but could not be taken (``errors``: which block, and why, never its content)."""

    exif: bytes = b""
    xmp: bytes = b""
    iptc: bytes = b""
    text: tuple[tuple[str, str], ...] = ()
    errors: tuple[str, ...] = ()


@dataclass(frozen=True)
class MediaMetadata:
    """Parsed metadata. Keys are the standard's own names (EXIF tag names, ``dc:creator``...)."""

    exif: Mapping[str, MetaValue] = field(default_factory=dict)
    gps: GpsFix | None = None
    xmp: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    iptc: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    text: Mapping[str, str] = field(default_factory=dict)
    errors: tuple[str, ...] = ()
    # The block ("exif", "xmp" or "container") that records a GPS position which could not be
    # read, or None. Set even when ``gps`` holds a readable position from another block: zones
    # were then checked against one of the positions only.
    gps_unreadable: str | None = None
    # A video or audio container's tags (vmscreen.media.container_metadata), keys in lower
    # case as FFmpeg names them ("title", "creation_time", "com.apple.quicktime.make"), and
    # the family of tags they were read from ("MP4", "MOV", "ID3", "VORBIS", "MKV", "RIFF"...).
    container: Mapping[str, str] = field(default_factory=dict)
    container_format: str = ""

    def values(self, *keys: str) -> list[tuple[str, str]]:
        """(field, value) pairs for the named fields across EXIF, XMP, IPTC, PNG text and the
        container's tags."""
        out: list[tuple[str, str]] = []
        for key in keys:
            for block in (self.exif, self.text, self.container):
                if key in block and str(block[key]).strip():
                    out.append((key, str(block[key]).strip()))
            for block in (self.xmp, self.iptc):
                out.extend((key, v) for v in block.get(key, ()) if v.strip())
        return out


# -- capture ----------------------------------------------------------------------------------

_TIFF_XMP = 700
_TIFF_IPTC = 33723
# TIFF tags that are blocks of their own, not EXIF: XMP, IPTC, Photoshop resources, ICC profile.
_TIFF_NOT_EXIF = frozenset((_TIFF_XMP, _TIFF_IPTC, 34377, 34675))
_TEXT_KEYS = ("Copyright", "Author", "Software", "Source", "Comment", "Description", "comment")


class _Unusable(ValueError):
    """A block is present but not in a form we read. The message says why, never the content."""


def read_raw_metadata(im: Image.Image) -> RawMetadata:
    """Pull the metadata blocks out of a freshly opened (not yet decoded) Pillow image.

    Pillow hands metadata over in whatever type the file declared (a tuple of ints for an XMP
    tag typed SHORT, an int, a str, an IFDRational). Only bytes, and text where a block is text,
    are taken; anything else is dropped and recorded in ``errors``, and so is any exception,
    so capture never raises and never drops a block silently.
    """
    errors: list[str] = []
    exif = _capture("EXIF block", _capture_exif, im, errors)
    xmp = _capture("XMP packet", _capture_xmp, im, errors)
    iptc = _capture("IPTC block", _capture_iptc, im, errors)
    text = _capture_text(im.info, errors)
    return RawMetadata(exif=exif, xmp=xmp, iptc=iptc, text=text, errors=tuple(errors))


def _capture(what: str, reader: Callable[[Image.Image, list[str]], bytes], im: Image.Image,
             errors: list[str]) -> bytes:
    """``reader``'s block, or b"" and an entry in ``errors``; it may record lesser problems."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Pillow's warnings about odd tags: handled here
            return reader(im, errors)
    except _Unusable as problem:
        errors.append(f"{what} unreadable: {problem}")
    except Exception as exc:  # noqa: BLE001 - Pillow raises many types on hostile metadata
        errors.append(f"{what} unreadable: {type(exc).__name__}")
    return b""


def _as_bytes(value: object, *, text: bool = False) -> bytes:
    """A block as bytes: bytes as they are, str encoded where the block is text (XMP)."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value)
    if text and isinstance(value, str):
        return value.encode("utf-8", "surrogatepass")
    raise _Unusable(f"held as {type(value).__name__}, not as bytes")


def _tiff_tag(im: Image.Image, tag: int) -> bytes | None:
    """A TIFF tag's bytes as stored, whatever type the file declared for it; None if absent.

    Pillow's own IPTC reader takes the stored bytes too: Photoshop types the IPTC tag LONG,
    which Pillow would decode as numbers (keeping only the first). Where that private store is
    missing (another Pillow), the decoded value is used if it is bytes or text.
    """
    directory = getattr(im, "tag_v2", None)
    if directory is None:
        return None
    stored = getattr(directory, "_tagdata", None)
    if isinstance(stored, Mapping) and isinstance(stored.get(tag), bytes):
        return stored[tag]
    if tag not in directory:
        return None
    return _as_bytes(directory[tag], text=True)


def _capture_exif(im: Image.Image, errors: list[str]) -> bytes:
    info = im.info
    if info.get("exif") is not None:
        blob = _as_bytes(info["exif"])
        if blob:
            return blob
    if "Raw profile type exif" in info:
        blob = _raw_profile(info["Raw profile type exif"])
        if blob:
            return blob
    return _tiff_exif(im, errors) if hasattr(im, "tag_v2") else b""


def _tiff_exif(im: Image.Image, errors: list[str]) -> bytes:
    """A TIFF's first IFD with its Exif and GPS IFDs, as an EXIF block.

    Pillow's getexif() also reads the XMP tag for an orientation and fails on one that is not
    bytes: that tag is hidden from it meanwhile (the XMP capture reports it). The blocks read on
    their own (XMP, IPTC, Photoshop, ICC) are left out; a tag Pillow cannot write back (a value
    of a type the tag does not allow) is dropped and recorded.
    """
    info = im.info
    hidden = info.get("xmp")
    hide = "xmp" in info and not isinstance(hidden, bytes)
    if hide:
        del info["xmp"]
    try:
        exif = im.getexif()
    finally:
        if hide:
            info["xmp"] = hidden
    copy = Image.Exif()
    for tag, value in exif.items():
        if tag not in _TIFF_NOT_EXIF:
            copy[tag] = exif.get_ifd(tag) if tag in (_EXIF_IFD, _GPS_IFD) else value
    try:
        return copy.tobytes()
    except Exception:  # noqa: BLE001 - find the tags that cannot be written, drop only those
        pass
    kept = Image.Exif()
    dropped = 0
    for tag, value in copy.items():
        probe = Image.Exif()
        probe[tag] = value
        try:
            probe.tobytes()
        except Exception:  # noqa: BLE001 - as above
            dropped += 1
            continue
        kept[tag] = value
    errors.append(f"EXIF block: {dropped} tag(s) of an unexpected type were dropped")
    return kept.tobytes()


def _capture_xmp(im: Image.Image, errors: list[str]) -> bytes:
    info = im.info
    tiff = _tiff_tag(im, _TIFF_XMP)
    if tiff is not None:  # a TIFF's info["xmp"] is Pillow's decoding of this same tag
        return tiff
    for key in ("xmp", "XML:com.adobe.xmp"):
        if info.get(key) is not None:
            blob = _as_bytes(info[key], text=True)
            if blob:
                return blob
    if "Raw profile type xmp" in info:
        return _raw_profile(info["Raw profile type xmp"])
    return b""


def _capture_iptc(im: Image.Image, errors: list[str]) -> bytes:
    info = im.info
    if "photoshop" in info:
        photoshop = info["photoshop"]
        if not isinstance(photoshop, Mapping):
            raise _Unusable(f"Photoshop resources held as {type(photoshop).__name__}")
        resource = photoshop.get(0x0404)
        return b"" if resource is None else _as_bytes(resource)
    if "Raw profile type iptc" in info:
        return _photoshop_iim(_raw_profile(info["Raw profile type iptc"]))
    return _tiff_tag(im, _TIFF_IPTC) or b""


def _capture_text(info: Mapping[str, Any], errors: list[str]) -> tuple[tuple[str, str], ...]:
    text: list[tuple[str, str]] = []
    for key in _TEXT_KEYS:
        value = info.get(key)
        if value is None:
            continue
        if isinstance(value, (bytes, bytearray)):
            value = bytes(value).decode("utf-8", "replace")
        if not isinstance(value, str):
            errors.append(f"{key} text unreadable: held as {type(value).__name__}, not as text")
            continue
        if value.strip():
            text.append((key.capitalize(), str(value)[:_MAX_TEXT]))
    return tuple(text)


def _raw_profile(text: object) -> bytes:
    """ImageMagick's and digiKam's PNG text chunk: '\\nexif\\n   LENGTH\\nHEX...'."""
    if not isinstance(text, str):
        raise _Unusable(f"raw profile held as {type(text).__name__}, not as text")
    lines = text.strip().split("\n")
    try:
        return bytes.fromhex("".join(lines[2:]))
    except ValueError:
        raise _Unusable("raw profile is not hexadecimal") from None


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
    errors: list[str] = list(raw.errors)
    exif: dict[str, MetaValue] = {}
    exif_gps: _GpsReading = (None, False)
    if raw.exif:
        try:
            exif, exif_gps = _parse_exif(raw.exif)
        except CorruptExif as damaged:
            exif, exif_gps = damaged.args
            errors.append("EXIF block is damaged; tags after the damage are lost")
        except Exception as exc:  # noqa: BLE001 - Pillow raises many types on hostile EXIF
            errors.append(f"EXIF block unreadable: {type(exc).__name__}")
    xmp: dict[str, tuple[str, ...]] = {}
    if raw.xmp:
        try:
            xmp = _parse_xmp(raw.xmp)
        except _Unusable as problem:
            errors.append(f"XMP packet unreadable: {problem}")
        except Exception as exc:  # noqa: BLE001 - defusedxml and expat raise several types
            errors.append(f"XMP packet unreadable: {type(exc).__name__}")
    xmp_gps = _xmp_gps(xmp)
    iptc: dict[str, tuple[str, ...]] = {}
    if raw.iptc:
        try:
            iptc = _parse_iptc(raw.iptc)
        except _Unusable as problem:
            errors.append(f"IPTC block unreadable: {problem}")
        except Exception as exc:  # noqa: BLE001 - a hostile block must not stop the others
            errors.append(f"IPTC block unreadable: {type(exc).__name__}")
    unreadable = "exif" if exif_gps[1] else "xmp" if xmp_gps[1] else None
    return MediaMetadata(
        exif=exif, gps=exif_gps[0] or xmp_gps[0], gps_unreadable=unreadable, xmp=xmp, iptc=iptc,
        text=dict(raw.text), errors=tuple(errors),
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
        number = float(value)  # IFDRational and friends; tuples and the rest are dropped
    except (TypeError, ValueError, ZeroDivisionError, OverflowError):
        return None
    return number if math.isfinite(number) else None  # drop the NaN of 0/0 rationals


# A block's GPS reading: the fix, and whether a recorded position could not be read.
_GpsReading = tuple[GpsFix | None, bool]


class CorruptExif(ValueError):
    pass


def _parse_exif(blob: bytes) -> tuple[dict[str, MetaValue], _GpsReading]:
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
            if tag in (_EXIF_IFD, _GPS_IFD) or not isinstance(tag, int):
                continue
            cleaned = _clean(value)
            if cleaned is not None:
                tags[ExifTags.TAGS.get(tag, f"Tag{tag:#06x}")] = cleaned
    return tags


def _real(value: Any) -> float:
    """One number of a coordinate; NaN for anything that is not one (0/0, text, a tuple)."""
    if isinstance(value, bool):
        return math.nan
    if isinstance(value, bytes):
        value = value.decode("ascii", "replace")
    if isinstance(value, str):
        value = value.replace("\x00", "")
    try:
        return float(value)
    except (TypeError, ValueError, ZeroDivisionError, OverflowError):
        return math.nan


def _dms(value: Any) -> float:
    """Degrees, minutes, seconds as decimal degrees; NaN when the degrees are not a number.

    Minutes or seconds that are not finite (Pillow reads a 0/0 rational as NaN) count as 0:
    writers put 0/0 for "not given".
    """
    parts = list(value) if isinstance(value, (tuple, list)) else [value]
    if not parts:
        return math.nan
    degrees = _real(parts[0])
    for part, scale in zip(parts[1:3], (60, 3600), strict=False):  # "51" alone is 51°
        number = _real(part)
        if math.isfinite(number):
            degrees += number / scale
    return degrees


def gps_fix(lat: float, lon: float, source: str) -> _GpsReading:
    """A fix from decimal degrees, or (None, True) for degrees that are not a position, or
    (None, False) for the (0, 0) written when there was no fix."""
    if not (math.isfinite(lat) and math.isfinite(lon)):
        return None, True
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None, True
    if lat == 0 and lon == 0:
        return None, False  # the (0, 0) many cameras write when they had no fix
    return GpsFix(round(lat, 7), round(lon, 7), source), False


def _hemisphere(ref: Any, negative: str) -> bool:
    cleaned = _clean(ref)
    return isinstance(cleaned, str) and cleaned.upper().startswith(negative)


def _exif_gps(gps: Mapping[int, Any]) -> _GpsReading:
    if 2 not in gps and 4 not in gps:
        return None, False
    lat, lon = _dms(gps.get(2, ())), _dms(gps.get(4, ()))
    lat = -lat if _hemisphere(gps.get(1), "S") else lat
    lon = -lon if _hemisphere(gps.get(3), "W") else lon
    return gps_fix(lat, lon, "exif")


_XMP_COORD = re.compile(
    r"^\s*(\d{1,3}(?:\.\d+)?)\s*(?:,\s*(\d{1,2}(?:\.\d+)?)\s*)?(?:,\s*(\d{1,2}(?:\.\d+)?)\s*)?"
    r"([NSEW])\s*$"
)


def _xmp_coordinate(text: str) -> float:
    """XMP's 'DDD,MM.mmk' or 'DDD,MM,SSk' form (XMP spec part 2, GPSCoordinate), or a plain
    decimal number; NaN when it is neither."""
    m = _XMP_COORD.match(text.upper())
    if not m:
        return _real(text.strip())
    deg = float(m.group(1)) + float(m.group(2) or 0) / 60 + float(m.group(3) or 0) / 3600
    return -deg if m.group(4) in "SW" else deg


def _xmp_gps(xmp: Mapping[str, tuple[str, ...]]) -> _GpsReading:
    lat_texts, lon_texts = xmp.get("exif:GPSLatitude", ()), xmp.get("exif:GPSLongitude", ())
    if not lat_texts and not lon_texts:
        return None, False
    lat = _xmp_coordinate(lat_texts[0]) if lat_texts else math.nan
    lon = _xmp_coordinate(lon_texts[0]) if lon_texts else math.nan
    return gps_fix(lat, lon, "xmp")


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
        raise _Unusable("XMP packet too large")
    blob = _utf8_xmp(blob)
    start = blob.find(b"<x:xmpmeta")
    if start < 0:
        start = blob.find(b"<rdf:RDF")
    end_tag = b"</x:xmpmeta>" if blob.find(b"</x:xmpmeta>") >= 0 else b"</rdf:RDF>"
    end = blob.rfind(end_tag)
    if start < 0 or end < 0:
        raise _Unusable("no XMP root element")
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
                raise _Unusable("bad extended dataset length")
            length = int.from_bytes(blob[pos : pos + count], "big")
            pos += count
        if pos + length > len(blob):
            raise _Unusable("dataset runs past the end of the block")
        yield record, dataset, blob[pos : pos + length]
        pos += length


def _parse_iptc(blob: bytes) -> dict[str, tuple[str, ...]]:
    utf8 = False
    found = False
    fields: dict[str, list[str]] = {}
    for record, dataset, value in _iim_records(blob):
        found = True
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
    if not found:
        raise _Unusable("no IIM dataset in the block")
    return {key: tuple(values) for key, values in fields.items()}
