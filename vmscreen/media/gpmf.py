"""GoPro's GPMF telemetry: the first usable GPS position in one payload (one packet of a
'gpmd' track).

GPMF is KLV: a 4-character key, a 1-byte type, a 1-byte structure size and a 2-byte big-endian
repeat count, then ``size * repeat`` bytes padded to a multiple of 4. Type 0 nests further
items (DEVC > STRM > data). Within a stream, modifiers come before the data they apply to: SCAL
divides each element (one value for all, or one per element), TYPE describes a structure of type
'?', GPSF is the fix (0: none, 2: 2D, 3: 3D) and GPSP the dilution of precision times 100.

Positions are read from GPS5 (lat, lon, alt, 2D and 3D speed as int32; cameras up to HERO10),
GPS9 (HERO11 on: lat, lon, alt, speeds, days, seconds, DOP and fix in one structure) and GPRI
(the Karma drone's raw GPS: time, lat, lon, alt, eph, epv, speed, course, fix, satellites).

The parser is pure and total: it reads only inside the payload it is given, at most
``MAX_DEPTH`` levels deep, and reports damage in ``GpmfReading.problem`` (which says what was
wrong, never what the payload holds) instead of raising.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

MAX_DEPTH = 8  # real telemetry nests 3 levels
_HEADER = struct.Struct(">4scBH")

# Element types: struct format of one value. 'q' and 'Q' are fixed point (Q15.16, Q31.32).
_FORMATS = {
    "b": "b", "B": "B", "c": "c", "s": "h", "S": "H", "l": "i", "L": "I", "f": "f", "d": "d",
    "j": "q", "J": "Q", "q": "i", "Q": "q", "F": "4s", "U": "16s", "G": "16s",
}
_FIXED_POINT = {"q": 65536.0, "Q": 4294967296.0}


@dataclass(frozen=True)
class _GpsLayout:
    """Where a GPS key keeps latitude, longitude, altitude and (if it does) fix and DOP."""

    latitude: int
    longitude: int
    altitude: int
    fix: int | None = None
    dop: int | None = None


_GPS_KEYS = {
    "GPS5": _GpsLayout(0, 1, 2),
    "GPS9": _GpsLayout(0, 1, 2, fix=8, dop=7),
    "GPRI": _GpsLayout(1, 2, 3, fix=8, dop=4),
}
GPS_KEYS: tuple[str, ...] = tuple(_GPS_KEYS)


@dataclass(frozen=True)
class GpmfFix:
    """A position from telemetry in decimal degrees, the key it came from (one of
    ``GPS_KEYS``), and the fix type and dilution of precision where the payload gives them."""

    latitude: float
    longitude: float
    altitude: float
    key: str
    fix: int | None = None
    dop: float | None = None


@dataclass(frozen=True)
class GpmfReading:
    """What one payload gave: its first usable fix, whether it held GPS data at all (with or
    without a fix), and why it could not be read to its end, if it could not."""

    fix: GpmfFix | None = None
    gps_seen: bool = False
    problem: str | None = None


@dataclass(frozen=True)
class _Item:
    key: str
    type: str  # "\x00" for a nest of items
    size: int
    repeat: int
    payload: bytes
    children: tuple[_Item, ...] = ()


class _Damaged(ValueError):
    """The payload is not well-formed GPMF. The message says how, never what it holds."""


def read_gps(payload: bytes) -> GpmfReading:
    """The first usable GPS position in one GPMF payload: in range, not (0, 0), and with a
    2D or 3D fix where the stream records its fix. Never raises."""
    seen = False
    try:
        for fix in _gps_in(_items(memoryview(payload), 0)):
            seen = True
            if fix is not None:
                return GpmfReading(fix=fix, gps_seen=True)
    except _Damaged as damage:
        return GpmfReading(gps_seen=seen, problem=str(damage))
    return GpmfReading(gps_seen=seen)


def _items(data: memoryview, depth: int) -> Iterator[_Item]:
    if depth >= MAX_DEPTH:
        raise _Damaged("items are nested too deeply")
    pos = 0
    while pos + _HEADER.size <= len(data):
        raw_key, raw_type, size, repeat = _HEADER.unpack_from(data, pos)
        if raw_key == b"\x00\x00\x00\x00":
            return  # padding to the end of the payload
        if not all(0x20 <= ch < 0x7F for ch in raw_key):
            raise _Damaged("an item key is not printable text")
        length = size * repeat
        start = pos + _HEADER.size
        if start + length > len(data):
            raise _Damaged("an item runs past the end of its container")
        body = data[start : start + length]
        kind = raw_type.decode("latin-1")
        children = tuple(_items(body, depth + 1)) if kind == "\x00" else ()
        yield _Item(raw_key.decode("ascii"), kind, size, repeat,
                    b"" if children else bytes(body), children)
        pos = start + (length + 3) // 4 * 4
    if pos < len(data) and any(data[pos:]):
        raise _Damaged("a truncated item header at the end of a container")


def _gps_in(items: Iterable[_Item]) -> Iterator[GpmfFix | None]:
    """A fix (or None) for each GPS item in these items and the nests inside them, in order.

    A nest is one stream's scope: SCAL, TYPE, GPSF and GPSP apply to the items after them.
    """
    scale: tuple[float, ...] = ()
    layout = ""
    fix: int | None = None
    dop: float | None = None
    for item in items:
        if item.type == "\x00":
            yield from _gps_in(item.children)
        elif item.key == "SCAL":
            scale = tuple(_numbers(item))
        elif item.key == "TYPE" and item.type == "c":
            layout = item.payload.rstrip(b"\x00").decode("latin-1")
        elif item.key == "GPSF":
            fix = _whole(next(_numbers(item), math.nan))
        elif item.key == "GPSP":
            dop = next(_numbers(item), math.nan) / 100
        elif item.key in _GPS_KEYS and item.repeat:
            yield _first_fix(item, layout, scale, fix, dop)


def _first_fix(item: _Item, layout: str, scale: Sequence[float], stream_fix: int | None,
               stream_dop: float | None) -> GpmfFix | None:
    where = _GPS_KEYS[item.key]
    if item.type != "?":  # a plain array: every element of the one type
        if item.type not in _FORMATS or item.type in "cFUG":
            raise _Damaged(f"{item.key} holds values of an unexpected type")
        layout = item.type * (item.size // struct.calcsize(">" + _FORMATS[item.type]))
    formats = [_FORMATS.get(ch) for ch in layout]
    if not layout or None in formats:
        raise _Damaged(f"{item.key} structure is not described in a form read here")
    fmt = ">" + "".join(f for f in formats if f)
    if struct.calcsize(fmt) != item.size:
        raise _Damaged(f"{item.key} samples are not the size their structure says")
    count = len(layout)
    if max(where.latitude, where.longitude, where.altitude, where.fix or 0,
           where.dop or 0) >= count:
        raise _Damaged(f"{item.key} samples have too few values")
    if len(scale) > 1 and len(scale) != count:
        raise _Damaged(f"{item.key} has a scale of the wrong length")
    scales = [scale[0] if len(scale) == 1 else scale[i] if scale else 1.0 for i in range(count)]
    if not all(math.isfinite(scales[i]) and scales[i] for i in (where.latitude, where.longitude)):
        raise _Damaged(f"{item.key} has a scale of zero or one that is not a number")
    for sample in struct.iter_unpack(fmt, item.payload):
        values = [_number(value, ch) / s if s else math.nan
                  for value, ch, s in zip(sample, layout, scales, strict=True)]
        fix = stream_fix if where.fix is None else _whole(values[where.fix])
        if (where.fix is not None or stream_fix is not None) and (fix is None or fix < 2):
            continue  # no lock yet: the position is the receiver's guess
        latitude, longitude = values[where.latitude], values[where.longitude]
        if not (math.isfinite(latitude) and math.isfinite(longitude)):
            continue
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            continue
        if latitude == 0 and longitude == 0:
            continue
        dop = stream_dop if where.dop is None else values[where.dop]
        return GpmfFix(latitude, longitude, values[where.altitude], item.key, fix, dop)
    return None


def _numbers(item: _Item) -> Iterator[float]:
    """The numbers of a simple item (SCAL, GPSF, GPSP); nothing for text or structures."""
    fmt = _FORMATS.get(item.type)
    if fmt is None or item.type in "cFUG":
        return iter(())
    width = struct.calcsize(">" + fmt)
    if item.size % width:
        return iter(())
    return (_number(value[0], item.type) for value in struct.iter_unpack(">" + fmt, item.payload))


def _number(value: object, kind: str) -> float:
    if isinstance(value, bytes):
        return math.nan  # a character, FourCC or date where a number belongs
    number = float(value)  # type: ignore[arg-type]
    return number / _FIXED_POINT[kind] if kind in _FIXED_POINT else number


def _whole(value: float) -> int | None:
    """A fix type as an int; None (no fix) for a value that is not a number."""
    return int(value) if math.isfinite(value) else None
