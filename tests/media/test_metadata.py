"""Metadata readers: EXIF with GPS, XMP, IPTC-IIM; hostile blocks recorded, never raised."""

from __future__ import annotations

import struct
import time
import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL.TiffImagePlugin import IFDRational as R

from tests import imaging
from vmscreen.media import MediaMetadata, open_media
from vmscreen.media import metadata as metadata_module
from vmscreen.media.metadata import RawMetadata, read_metadata, read_raw_metadata


@pytest.mark.parametrize("position", [(52.520008, 13.404954), (-33.8688, 151.2093),
                                      (40.7128, -74.006), (-22.9068, -43.1729)])
def test_gps_from_exif_with_hemisphere_signs(position):
    gps = open_media(imaging.jpeg(gps=position)).metadata.gps
    assert gps is not None and gps.source == "exif"
    assert gps.latitude == pytest.approx(position[0], abs=1e-5)
    assert gps.longitude == pytest.approx(position[1], abs=1e-5)


def test_gps_from_xmp_and_null_island_ignored():
    xmp = imaging.xmp_packet(exif_GPSLatitude="51,30.0750N", exif_GPSLongitude="0,7.6560W")
    gps = open_media(imaging.jpeg(xmp=xmp)).metadata.gps
    assert gps.source == "xmp"
    assert gps.latitude == pytest.approx(51.50125) and gps.longitude == pytest.approx(-0.1276)
    assert open_media(imaging.jpeg(gps=(0.0, 0.0))).metadata.gps is None


def test_camera_fields_from_exif():
    data = imaging.jpeg(tags={0x0131: "Adobe Photoshop 25.0", 0x8298: "(c) Reuters",
                              0x013B: "Ann Lee"},
                        camera={0xA430: "Ann Lee", 0xA431: "SN-4711"})
    exif = open_media(data).metadata.exif
    assert exif["Software"] == "Adobe Photoshop 25.0"
    assert exif["Copyright"] == "(c) Reuters" and exif["Artist"] == "Ann Lee"
    assert exif["CameraOwnerName"] == "Ann Lee" and exif["BodySerialNumber"] == "SN-4711"


def test_xmp_lists_and_structures():
    xmp = imaging.xmp_packet(dc_creator=["Ann Lee", "Bo Chan"], dc_rights=["© 2026 Ann Lee"],
                             photoshop_City="Zürich", Iptc4xmpCore_Location="Kita Sonnenschein")
    fields = open_media(imaging.jpeg(xmp=xmp)).metadata.xmp
    assert fields["dc:creator"] == ("Ann Lee", "Bo Chan")
    assert fields["dc:rights"] == ("© 2026 Ann Lee",)
    assert fields["photoshop:City"] == ("Zürich",)
    assert fields["Iptc4xmpCore:Location"] == ("Kita Sonnenschein",)


def test_utf16_xmp_is_read():
    packet = imaging.xmp_packet(dc_creator=["Ann Lee"]).decode("utf-8").encode("utf-16-be")
    assert open_media(imaging.jpeg(xmp=packet)).metadata.xmp["dc:creator"] == ("Ann Lee",)


def test_iptc_iim_utf8_and_repeated_datasets():
    iptc = {80: ["Jörg Müller", "Ann Lee"], 116: "© Agence France-Presse", 90: "Kraków",
            92: "St Mary's Hospital", 110: "AFP", 115: "AFP"}
    fields = open_media(imaging.jpeg(iptc=iptc)).metadata.iptc
    assert fields["By-line"] == ("Jörg Müller", "Ann Lee")
    assert fields["CopyrightNotice"] == ("© Agence France-Presse",)
    assert fields["City"] == ("Kraków",) and fields["Sub-location"] == ("St Mary's Hospital",)


def test_billion_laughs_is_refused_quickly_and_recorded():
    start = time.perf_counter()
    metadata = open_media(imaging.jpeg(xmp=imaging.billion_laughs_xmp())).metadata
    assert time.perf_counter() - start < 5  # a sanity bound on a hang, not a speed test
    assert any("XMP" in error for error in metadata.errors)
    assert "dc:creator" not in metadata.xmp


def test_damaged_exif_is_recorded_not_raised():
    metadata = open_media(imaging.garbage_exif_jpeg()).metadata
    assert any("EXIF" in error for error in metadata.errors)


def test_png_text_chunks_are_metadata():
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Copyright", "Getty Images")
    info.add_text("Software", "GIMP 2.10")
    data = imaging.encode(imaging.picture(), "PNG", pnginfo=info)
    text = open_media(data).metadata.text
    assert text == {"Copyright": "Getty Images", "Software": "GIMP 2.10"}


# -- GPS that is recorded but partly or wholly unreadable ------------------------------------


def _gps_exif(latitude: tuple, longitude: tuple, lat_ref: object = "N",
              lon_ref: object = "W") -> bytes:
    exif = imaging.picture().getexif()
    exif[0x8825] = {1: lat_ref, 2: latitude, 3: lon_ref, 4: longitude}
    return exif.tobytes()


def _read_gps(exif: bytes = b"", xmp: bytes = b""):
    metadata = read_metadata(RawMetadata(exif=exif, xmp=xmp))
    return metadata.gps, metadata.gps_unreadable


def test_minutes_and_seconds_written_as_0_0_count_as_0():
    gps, unreadable = _read_gps(_gps_exif((R(51, 1), R(29, 1), R(0, 0)),
                                          (R(0, 1), R(7, 1), R(0, 0))))
    assert unreadable is None
    assert (gps.latitude, gps.longitude) == pytest.approx((51 + 29 / 60, -7 / 60))
    gps, _ = _read_gps(_gps_exif((R(51, 1), R(0, 0), R(0, 0)), (R(13, 1), R(0, 0), R(0, 0)),
                                 lon_ref="E"))
    assert (gps.latitude, gps.longitude) == (51.0, 13.0)


@pytest.mark.parametrize("latitude, longitude", [
    ((R(0, 0), R(29, 1), R(0, 1)), (R(0, 1), R(7, 1), R(0, 1))),       # degrees 0/0
    ((R(5, 0), R(29, 1), R(0, 1)), (R(0, 1), R(7, 1), R(0, 1))),       # degrees x/0
    ((R(91, 1), R(0, 1), R(0, 1)), (R(0, 1), R(7, 1), R(0, 1))),       # latitude over 90
    ((R(51, 1), R(0, 1), R(0, 1)), (R(181, 1), R(0, 1), R(0, 1))),     # longitude over 180
    ((R(89, 1), R(99999, 1), R(0, 1)), (R(0, 1), R(7, 1), R(0, 1))),   # over 90 by minutes
    ((), (R(0, 1), R(7, 1), R(0, 1))),                                  # no numbers at all
])
def test_unreadable_exif_degrees_are_recorded(latitude, longitude):
    assert _read_gps(_gps_exif(latitude, longitude)) == (None, "exif")


def test_gps_tags_of_unexpected_types_are_unreadable_not_raised():
    longitude = (R(0, 1), R(7, 1), R(0, 1))
    for value in ("51,29N", b"\x00\x01", ((1, 2), (3, 4)), {"a": 1}, None, True, 10**400):
        exif = {1: "N", 2: value, 3: "W", 4: longitude}
        assert metadata_module._exif_gps(exif) == (None, True)  # Pillow may hand over anything
    assert metadata_module._exif_gps({1: "N"}) == (None, False)  # no position tags at all
    # A single number, or text that is one, is degrees alone.
    for value in (51, 51.5, "51.5", R(103, 2)):
        fix, unreadable = metadata_module._exif_gps({1: 7, 2: value, 3: b"W", 4: longitude})
        assert not unreadable and fix.latitude == float(value) and fix.longitude < 0


def test_a_position_with_only_one_coordinate_is_unreadable():
    exif = imaging.picture().getexif()
    exif[0x8825] = {1: "N", 2: (R(51, 1), R(29, 1), R(0, 1))}
    assert _read_gps(exif.tobytes()) == (None, "exif")


def test_null_island_is_no_fix_and_not_unreadable():
    zero = (R(0, 1), R(0, 1), R(0, 0))
    assert _read_gps(_gps_exif(zero, zero)) == (None, None)
    xmp = imaging.xmp_packet(exif_GPSLatitude="0,0.0N", exif_GPSLongitude="0,0.0E")
    assert _read_gps(xmp=xmp) == (None, None)


@pytest.mark.parametrize("latitude, longitude", [
    ("north of the river", "0,7.6560W"), ("NaN", "0,7.6560W"), ("51,30.0750N", "inf"),
    ("51,30.0750N", "1e999"), ("251,30.0750N", "0,7.6560W"), ("51,30.0750N", ""),
])
def test_unparseable_xmp_gps_is_recorded(latitude, longitude):
    packet = imaging.xmp_packet(exif_GPSLatitude=latitude, exif_GPSLongitude=longitude)
    assert _read_gps(xmp=packet) == (None, "xmp")


@pytest.mark.parametrize("latitude, longitude, expected", [
    ("51,30.0750N", "0,7.6560W", (51.50125, -0.1276)),
    ("51, 30, 4.5 N", "0, 7, 39.36 W", (51 + 30 / 60 + 4.5 / 3600, -(7 / 60 + 39.36 / 3600))),
    ("51.50125", "-0.1276", (51.50125, -0.1276)),
    ("51.50125N", "0.1276W", (51.50125, -0.1276)),
])
def test_xmp_gps_forms(latitude, longitude, expected):
    packet = imaging.xmp_packet(exif_GPSLatitude=latitude, exif_GPSLongitude=longitude)
    gps, unreadable = _read_gps(xmp=packet)
    assert unreadable is None and (gps.latitude, gps.longitude) == pytest.approx(expected)


def test_a_readable_exif_fix_is_kept_when_the_xmp_one_is_unreadable():
    packet = imaging.xmp_packet(exif_GPSLatitude="somewhere", exif_GPSLongitude="0,7.0W")
    gps, unreadable = _read_gps(_gps_exif((R(51, 1), R(29, 1), R(0, 1)),
                                          (R(0, 1), R(7, 1), R(0, 1))), packet)
    assert gps.source == "exif" and unreadable == "xmp"


# -- blocks that Pillow hands over in unexpected types ---------------------------------------


def _tiff(extra: list[tuple[int, int, int, bytes]], width: int = 8, height: int = 6) -> bytes:
    """A little-endian RGB TIFF with ``extra`` (tag, type, count, stored bytes) entries, written
    by hand so that a tag can have any type and count (Pillow's writer normalises them)."""
    pixels = bytes(x * 37 % 256 for x in range(width * height * 3))
    entries = sorted([
        (256, 3, 1, struct.pack("<H", width)), (257, 3, 1, struct.pack("<H", height)),
        (258, 3, 3, struct.pack("<HHH", 8, 8, 8)), (259, 3, 1, struct.pack("<H", 1)),
        (262, 3, 1, struct.pack("<H", 2)), (273, 4, 1, b""), (277, 3, 1, struct.pack("<H", 3)),
        (278, 3, 1, struct.pack("<H", height)), (279, 4, 1, struct.pack("<I", len(pixels))),
        *extra,
    ])
    data_at = 8 + 2 + 12 * len(entries) + 4
    blobs, directory = b"", b""
    for tag, kind, count, stored in entries:
        if len(stored) > 4:
            value = struct.pack("<I", data_at + len(blobs))
            blobs += stored + b"\x00" * (len(stored) % 2)
        else:
            value = stored.ljust(4, b"\x00")
        directory += struct.pack("<HHI", tag, kind, count) + value
    pixels_at = struct.pack("<I", data_at + len(blobs))
    directory = directory.replace(struct.pack("<HHI", 273, 4, 1) + b"\x00" * 4,
                                  struct.pack("<HHI", 273, 4, 1) + pixels_at)
    return (b"II*\x00" + struct.pack("<IH", 8, len(entries)) + directory + b"\x00" * 4 + blobs
            + pixels)


@pytest.mark.parametrize("entry", [
    (700, 3, 3, struct.pack("<HHH", 1000, 2, 3)),   # SHORT: the old code raised ValueError
    (700, 3, 1, struct.pack("<H", 7)),              # one SHORT: the old code took bytes(7)
    (700, 4, 1, struct.pack("<I", 4_000_000_000)),  # one LONG: bytes(4e9) would be 4 GB
    (700, 5, 1, struct.pack("<II", 1, 3)),          # RATIONAL: the old code raised TypeError
    (700, 2, 6, b"hello\x00"),                      # ASCII that is not XMP
])
def test_tiff_xmp_tag_of_an_unexpected_type_is_an_error_not_an_exception(entry):
    media = open_media(_tiff([entry]))
    metadata = media.metadata
    assert any(error.startswith("XMP packet unreadable") for error in metadata.errors)
    assert metadata.exif["ImageWidth"] == 8  # the EXIF of the same IFD is still read
    assert media.width == 8


def test_tiff_xmp_tag_typed_short_holding_a_packet_is_read():
    packet = imaging.xmp_packet(dc_creator=["Ann Lee"])
    packet += b" " * (len(packet) % 2)
    metadata = open_media(_tiff([(700, 3, len(packet) // 2, packet)])).metadata
    assert metadata.xmp["dc:creator"] == ("Ann Lee",) and metadata.errors == ()


def test_tiff_iptc_typed_long_as_photoshop_writes_it_is_read_whole():
    iim = imaging.iptc_iim({80: "Ann Lee", 116: "© Getty Images"})
    iim += b"\x00" * (-len(iim) % 4)
    metadata = open_media(_tiff([(33723, 4, len(iim) // 4, iim)])).metadata
    assert metadata.iptc["By-line"] == ("Ann Lee",)
    assert metadata.iptc["CopyrightNotice"] == ("© Getty Images",)


def test_tiff_iptc_that_is_not_iim_is_an_error():
    metadata = open_media(_tiff([(33723, 3, 3, struct.pack("<HHH", 1, 2, 3))])).metadata
    assert any(error.startswith("IPTC block unreadable") for error in metadata.errors)


class _Opened:
    """Stands for an opened Pillow image: read_raw_metadata only looks at ``info``."""

    def __init__(self, **info: object) -> None:
        self.info = info


@pytest.mark.parametrize("info, block", [
    ({"exif": "Exif\x00\x00MM"}, "EXIF"),
    ({"exif": (1, 2, 3)}, "EXIF"),
    ({"exif": 10**12}, "EXIF"),
    ({"xmp": (1000, 2, 3)}, "XMP"),
    ({"xmp": 4_000_000_000}, "XMP"),
    ({"xmp": R(1, 3)}, "XMP"),
    ({"XML:com.adobe.xmp": ((1, 2), (3,))}, "XMP"),
    ({"Raw profile type exif": "\nexif\n    4\nnot hex"}, "EXIF"),
    ({"Raw profile type iptc": b"bytes, not text"}, "IPTC"),
    ({"photoshop": "a text chunk"}, "IPTC"),
    ({"photoshop": {0x0404: (1, 2)}}, "IPTC"),
    ({"Copyright": (1, 2)}, "Copyright"),
    ({"comment": 42}, "comment"),
])
def test_capture_takes_only_bytes_and_text_and_records_the_rest(info, block):
    raw = read_raw_metadata(_Opened(**info))
    assert [error.split()[0] for error in raw.errors] == [block]
    assert (raw.exif, raw.xmp, raw.iptc, raw.text) == (b"", b"", b"", ())
    assert read_metadata(raw).errors == raw.errors  # and the detector reports them (UNS004)


def test_capture_keeps_what_it_understands_beside_what_it_drops():
    packet = imaging.xmp_packet(dc_creator=["Ann Lee"])
    raw = read_raw_metadata(_Opened(xmp=packet.decode(), exif=(1, 2), Software=b"GIMP 2.10",
                                    comment=bytearray(b"a comment")))
    assert raw.xmp == packet and raw.text == (("Software", "GIMP 2.10"), ("Comment", "a comment"))
    assert len(raw.errors) == 1 and raw.errors[0].startswith("EXIF")


# -- property: parsing never raises ----------------------------------------------------------


def _real_blocks() -> dict[str, list[bytes]]:
    image = imaging.picture(16, 12)
    exif = [
        imaging.exif_block(image, gps=(51.5, -0.12), tags={0x0131: "GIMP 2.10", 0x8298: "(c) X"},
                           camera={0xA430: "Ann Lee", 0xA431: "SN-4711"}).tobytes(),
        _gps_exif((R(51, 1), R(29, 1), R(0, 0)), (R(0, 1), R(7, 1), R(0, 0))),
        _gps_exif((R(0, 0), R(29, 1), R(0, 1)), (R(900, 1), R(7, 1), R(0, 1))),
    ]
    xmp = [
        imaging.xmp_packet(dc_creator=["Ann Lee"], dc_rights=["© Getty Images"],
                           exif_GPSLatitude="51,30.0750N", exif_GPSLongitude="0,7.6560W"),
        imaging.xmp_packet(photoshop_City="Zürich").decode().encode("utf-16-le"),
        imaging.billion_laughs_xmp(),
    ]
    iptc = [imaging.iptc_iim({80: ["Ann Lee", "Bo"], 116: "© AFP", 92: "St Mary's Hospital"})]
    return {"exif": exif, "xmp": xmp, "iptc": iptc}


_REAL = _real_blocks()


@st.composite
def _mutated(draw: st.DrawFn, kind: str) -> bytes:
    """A real block with a few bytes overwritten, inserted, deleted, or cut short."""
    blob = bytearray(draw(st.sampled_from(_REAL[kind])))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, max(0, len(blob) - 1)))
        action = draw(st.sampled_from(("set", "insert", "delete", "cut")))
        if action == "set" and blob:
            blob[at] = draw(st.integers(0, 255))
        elif action == "insert":
            blob[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif action == "delete":
            del blob[at:at + draw(st.integers(1, 8))]
        else:
            del blob[at:]
    return bytes(blob)


def _block(kind: str) -> st.SearchStrategy[bytes]:
    return st.one_of(st.just(b""), st.binary(max_size=600), st.sampled_from(_REAL[kind]),
                     _mutated(kind))


@settings(max_examples=200, deadline=None)
@given(exif=_block("exif"), xmp=_block("xmp"), iptc=_block("iptc"),
       text=st.lists(st.tuples(st.text(max_size=12), st.text(max_size=40)), max_size=4))
def test_parsing_any_blocks_never_raises(exif, xmp, iptc, text):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Pillow warns about damaged IFDs; errors record them
        metadata = read_metadata(RawMetadata(exif=exif, xmp=xmp, iptc=iptc, text=tuple(text)))
    assert isinstance(metadata, MediaMetadata)
    assert all(isinstance(error, str) for error in metadata.errors)
    assert metadata.gps_unreadable in (None, "exif", "xmp")
    if metadata.gps is not None:
        assert -90 <= metadata.gps.latitude <= 90 and -180 <= metadata.gps.longitude <= 180
        assert (metadata.gps.latitude, metadata.gps.longitude) != (0, 0)
    for key, value in metadata.exif.items():
        assert isinstance(key, str) and isinstance(value, (str, int, float))
