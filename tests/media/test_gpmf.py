"""GoPro GPMF telemetry: the first usable GPS fix, from payloads built here item by item, and
hostile payloads that give no fix and never raise."""

from __future__ import annotations

import struct

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vmscreen.media.gpmf import MAX_DEPTH, read_gps

_FORMATS = {"b": "b", "B": "B", "s": "h", "S": "H", "l": "i", "L": "I", "f": "f", "J": "Q"}


def klv(key: str, kind: str, size: int, repeat: int, payload: bytes) -> bytes:
    """One item: key, type, structure size, repeat, then the payload padded to 4 bytes."""
    header = key.encode("ascii") + kind.encode("latin-1") + struct.pack(">BH", size, repeat)
    return header + payload + b"\x00" * (-len(payload) % 4)


def nest(key: str, *children: bytes) -> bytes:
    body = b"".join(children)
    return klv(key, "\x00", 1, len(body), body)


def numbers(key: str, kind: str, *values: float, per_sample: int = 1) -> bytes:
    fmt = ">" + _FORMATS[kind] * len(values)
    width = struct.calcsize(">" + _FORMATS[kind])
    return klv(key, kind, width * per_sample, len(values) // per_sample,
               struct.pack(fmt, *values))


def text(key: str, value: str) -> bytes:
    return klv(key, "c", 1, len(value), value.encode("ascii"))


def structures(key: str, layout: str, *samples: tuple) -> bytes:
    fmt = ">" + "".join(_FORMATS[ch] for ch in layout)
    body = b"".join(struct.pack(fmt, *sample) for sample in samples)
    return klv(key, "?", struct.calcsize(fmt), len(samples), body)


def gps5(*samples: tuple[float, float], fix: int | None = 3, precision: int = 150,
         scale: tuple[int, ...] = (10_000_000, 10_000_000, 1000, 1000, 100)) -> bytes:
    """A HERO-style payload: DEVC > STRM with SCAL, GPSF, GPSP and GPS5 samples."""
    values = [v for lat, lon in samples
              for v in (round(lat * 1e7), round(lon * 1e7), 12_000, 1_500, 1_600)]
    items = [text("STNM", "GPS (Lat., Long., Alt., 2D speed, 3D speed)"),
             numbers("SCAL", "l", *scale)]
    if fix is not None:
        items.append(numbers("GPSF", "L", fix))
    items += [numbers("GPSP", "S", precision), numbers("GPS5", "l", *values, per_sample=5)]
    return nest("DEVC", numbers("DVID", "L", 1), text("DVNM", "Camera"),
                nest("STRM", text("STNM", "Accelerometer"), numbers("SCAL", "s", 418),
                     numbers("ACCL", "s", 1, 2, 3, per_sample=3)),
                nest("STRM", *items))


def test_gps5_in_nested_streams_gives_the_first_sample():
    reading = read_gps(gps5((33.1253680, -117.3310641), (33.1254, -117.3311)))
    assert reading.problem is None and reading.gps_seen
    fix = reading.fix
    assert fix is not None and fix.key == "GPS5" and fix.fix == 3
    assert (fix.latitude, fix.longitude) == pytest.approx((33.125368, -117.3310641))
    assert fix.altitude == pytest.approx(12.0) and fix.dop == pytest.approx(1.5)


def test_no_lock_is_no_fix_but_gps_was_seen():
    reading = read_gps(gps5((33.1, -117.3), fix=0))
    assert reading.fix is None and reading.gps_seen and reading.problem is None


def test_without_gpsf_the_first_sample_off_null_island_is_taken():
    reading = read_gps(gps5((0.0, 0.0), (51.5, -0.12), fix=None))
    assert reading.fix is not None and reading.fix.fix is None
    assert (reading.fix.latitude, reading.fix.longitude) == pytest.approx((51.5, -0.12))


def test_one_scale_value_applies_to_every_element():
    payload = nest("DEVC", nest("STRM", numbers("SCAL", "l", 1_000_000), numbers("GPSF", "L", 2),
                                numbers("GPS5", "l", 48_858_370, 2_294_481, 35_000, 0, 0,
                                        per_sample=5)))
    fix = read_gps(payload).fix
    assert fix is not None and (fix.latitude, fix.longitude) == pytest.approx((48.85837, 2.294481))


def test_gps9_carries_its_fix_in_each_sample():
    layout = "lllllllSS"
    scale = numbers("SCAL", "l", 10_000_000, 10_000_000, 1000, 1000, 100, 1, 1000, 100, 1)
    no_lock = (0, 0, 0, 0, 0, 8000, 1000, 9999, 0)
    locked = (-338_688_000, 1_512_093_000, 40_000, 0, 0, 8000, 2000, 120, 3)
    payload = nest("DEVC", nest("STRM", text("TYPE", layout), scale,
                                structures("GPS9", layout, no_lock, locked)))
    fix = read_gps(payload).fix
    assert fix is not None and fix.key == "GPS9" and fix.fix == 3
    assert (fix.latitude, fix.longitude) == pytest.approx((-33.8688, 151.2093))
    assert fix.dop == pytest.approx(1.2)


def test_karma_raw_gps_is_read():
    """The Karma drone's 'GPS RAW' stream: time, lat, lon, alt, eph, epv, vel, cog, fix, sats."""
    layout = "JlllSSSSBB"
    scale = numbers("SCAL", "l", 1_000_000, 10_000_000, 10_000_000, 1000, 100, 100, 100, 100,
                    1, 1)
    sample = (145_911_705, 331_253_680, -1_173_310_641, 15_445, 25, 42, 59, 33_435, 3, 20)
    payload = nest("DEVC", text("DVNM", "GoPro Karma v1.0"),
                   nest("STRM", text("STNM", "GPS RAW"), text("TYPE", layout), scale,
                        structures("GPRI", layout, sample)))
    fix = read_gps(payload).fix
    assert fix is not None and fix.key == "GPRI" and fix.fix == 3
    assert (fix.latitude, fix.longitude) == pytest.approx((33.125368, -117.3310641))


def test_telemetry_without_gps_is_silent():
    payload = nest("DEVC", nest("STRM", numbers("SCAL", "s", 418),
                                numbers("ACCL", "s", 1, 2, 3, per_sample=3)))
    assert read_gps(payload) == read_gps(b"") == read_gps(b"\x00" * 64)
    assert read_gps(payload).fix is None and not read_gps(payload).gps_seen


def _deep(levels: int) -> bytes:
    payload = gps5((33.1, -117.3))
    for _ in range(levels):
        payload = nest("DEVC", payload)
    return payload


_GOOD = gps5((33.1, -117.3))


@pytest.mark.parametrize("payload, problem", [
    (_GOOD[:-4], "past the end"),                                      # cut short
    (_GOOD[:4] + b"\x00\x01\xff\xff" + _GOOD[8:], "past the end"),     # size past the end
    (nest("DEVC", klv("STRM", "\x00", 1, 3, b"abc")) + _GOOD, "truncated item header"),
    (_deep(MAX_DEPTH + 4), "nested too deeply"),
    (gps5((33.1, -117.3), scale=(0, 0, 1000, 1000, 100)), "scale of zero"),
    (gps5((33.1, -117.3), scale=(10_000_000, 10_000_000, 1000)), "scale of the wrong length"),
    (b"\x01\x02\x03\x04" + _GOOD[4:], "not printable"),
    (nest("DEVC", nest("STRM", klv("GPS5", "c", 20, 1, b"x" * 20))), "unexpected type"),
    (nest("DEVC", nest("STRM", numbers("GPS5", "l", 1, 2, per_sample=2))), "too few values"),
    (nest("DEVC", nest("STRM", text("TYPE", "l[3]"), structures("GPS9", "lll", (1, 2, 3)))),
     "not described"),
    (nest("DEVC", nest("STRM", text("TYPE", "ll"), structures("GPS9", "lll", (1, 2, 3)))),
     "not the size"),
], ids=["cut-short", "size-past-end", "truncated-header", "deep", "zero-scale", "scale-length",
        "bad-key", "text-gps", "short-sample", "array-type", "type-size"])
def test_hostile_payloads_give_no_fix_and_say_why(payload, problem):
    reading = read_gps(payload)
    assert reading.fix is None
    assert reading.problem is not None and problem in reading.problem


def test_damage_after_the_first_fix_keeps_the_fix():
    reading = read_gps(_GOOD + b"\x01\x02\x03")
    assert reading.fix is not None and reading.problem is None


def test_a_zero_scale_on_other_elements_does_not_raise():
    payload = gps5((33.1, -117.3), scale=(10_000_000, 10_000_000, 0, 0, 0))
    fix = read_gps(payload).fix
    assert fix is not None and fix.latitude == pytest.approx(33.1)


def test_out_of_range_positions_are_skipped():
    reading = read_gps(gps5((95.0, 10.0), (10.0, 190.0)))
    assert reading.fix is None and reading.gps_seen and reading.problem is None


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_never_raise(data):
    read_gps(data)


@settings(max_examples=150, deadline=None)
@given(st.integers(0, len(_GOOD) - 1), st.integers(0, 255))
def test_any_one_byte_changed_never_raises(position, value):
    changed = bytearray(_GOOD)
    changed[position] = value
    read_gps(bytes(changed))
