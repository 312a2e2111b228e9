"""File structure: where a file's image data ends, whether it is whole, and what follows it (a
ZIP, a second photo, HTML...) that a decoder would never look at."""

from __future__ import annotations

import functools
import io
import re
import struct
import time
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from tests import imaging
from vmscreen.media import structure
from vmscreen.media.structure import Structure, inspect

# --- files the tests make -----------------------------------------------------------------


def opened(data: bytes) -> tuple[str, int]:
    """The format name and frame count Pillow reports, as vmscreen passes them on."""
    with Image.open(io.BytesIO(data)) as im:
        return im.format, getattr(im, "n_frames", 1)


def check(data: bytes) -> Structure:
    return inspect(data, *opened(data))


def _frames(count: int = 3, size: tuple[int, int] = (40, 30)) -> list[Image.Image]:
    return [Image.new("RGB", size, (70 * i, 200 - 50 * i, 90)) for i in range(count)]


def _animated(fmt: str, **save: object) -> bytes:
    frames = _frames()
    return imaging.encode(frames[0], fmt, save_all=True, append_images=frames[1:], duration=50,
                          **save)


def _tiff_pages() -> bytes:
    first, second = Image.new("RGB", (60, 40), (200, 0, 0)), Image.new("RGB", (90, 50), (0, 9, 0))
    return imaging.encode(first, "TIFF", save_all=True, append_images=[second])


def _with_exif(fmt: str, **save: object) -> bytes:
    image = imaging.picture(80, 60)
    exif = imaging.exif_block(image, gps=(48.8584, 2.2945), tags={0x010F: "Camera", 0x0131: "x"},
                              camera={0x9003: "2024:01:02 03:04:05"})
    return imaging.encode(image, fmt, exif=exif.tobytes(), **save)


def exif_thumbnail_jpeg() -> bytes:
    """A JPEG whose APP1 EXIF carries a whole JPEG thumbnail (ff d8 ... ff d9) in IFD1, as
    cameras write it: the thumbnail's EOI must not be taken for the end of the photo."""
    thumb = imaging.encode(imaging.picture(32, 24, seed=3), "JPEG", quality=80)
    entries0 = [(0x0112, 3, 1, 1)]  # Orientation
    entries1 = [(0x0103, 3, 1, 6), (0x0201, 4, 1, 0), (0x0202, 4, 1, len(thumb))]
    ifd0 = 8
    ifd1 = ifd0 + 2 + 12 * len(entries0) + 4
    thumb_at = ifd1 + 2 + 12 * len(entries1) + 4
    entries1[1] = (0x0201, 4, 1, thumb_at)

    def ifd(entries: list[tuple[int, int, int, int]], nxt: int) -> bytes:
        out = struct.pack(">H", len(entries))
        for tag, kind, count, value in entries:
            packed = struct.pack(">HH", value, 0) if kind == 3 else struct.pack(">I", value)
            out += struct.pack(">HHI", tag, kind, count) + packed
        return out + struct.pack(">I", nxt)

    tiff = b"MM\x00*" + struct.pack(">I", ifd0) + ifd(entries0, ifd1) + ifd(entries1, 0) + thumb
    payload = b"Exif\x00\x00" + tiff
    photo = imaging.jpeg(320, 240)
    return photo[:2] + b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload + photo[2:]


def tiled_tiff() -> bytes:
    """A big-endian (MM) grey TIFF of 32x32 in four 16x16 tiles, its tile offsets (LONG) and
    byte counts (SHORT) stored out of line, the tiles after the IFD: Pillow writes neither."""
    tiles = [bytes([40 * k + (x + y) % 7 for y in range(16) for x in range(16)])
             for k in range(4)]
    entries = [(256, 3, 1, 32), (257, 3, 1, 32), (258, 3, 1, 8), (259, 3, 1, 1), (262, 3, 1, 1),
               (277, 3, 1, 1), (322, 3, 1, 16), (323, 3, 1, 16), (324, 4, 4, 0), (325, 3, 4, 0)]
    ifd_size = 2 + 12 * len(entries) + 4
    offsets_at = 8 + ifd_size
    counts_at = offsets_at + 16
    first_tile = counts_at + 8
    entries[-2] = (324, 4, 4, offsets_at)
    entries[-1] = (325, 3, 4, counts_at)
    ifd = struct.pack(">H", len(entries))
    for tag, kind, count, value in entries:
        inline = kind == 3 and count == 1
        ifd += struct.pack(">HHI", tag, kind, count)
        ifd += struct.pack(">HH", value, 0) if inline else struct.pack(">I", value)
    ifd += struct.pack(">I", 0)
    offsets = struct.pack(">4I", *(first_tile + 256 * k for k in range(4)))
    return b"MM\x00*" + struct.pack(">I", 8) + ifd + offsets + struct.pack(">4H", *[256] * 4) + (
        b"".join(tiles))


def mpo(pictures: int = 2) -> bytes:
    images = [imaging.picture(64, 48, seed=i) for i in range(pictures)]
    return imaging.encode(images[0], "MPO", save_all=True, append_images=images[1:])


def zip_archive() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("secret/passport.txt", "P<UTOERIKSSON<<ANNA<MARIA" * 20)
    return buffer.getvalue()


def mp4_like() -> bytes:
    """The start of an MP4: an ftyp box, then a small mdat."""
    ftyp = b"ftypisom" + b"\x00\x00\x02\x00" + b"isomiso2avc1mp41"
    mdat = b"mdat" + bytes(range(1, 101))
    return struct.pack(">I", 4 + len(ftyp)) + ftyp + struct.pack(">I", 4 + len(mdat)) + mdat


CLEAN = {
    "jpeg": lambda: imaging.jpeg(320, 240),
    "jpeg-progressive": lambda: imaging.encode(imaging.picture(320, 240), "JPEG",
                                               progressive=True, optimize=True),
    "jpeg-exif": lambda: imaging.jpeg(200, 150, gps=(52.52, 13.405), tags={0x010F: "Maker"},
                                      xmp=imaging.xmp_packet(dc_creator=["A"]),
                                      iptc={80: "Someone"}),
    "jpeg-exif-thumbnail": exif_thumbnail_jpeg,
    "jpeg-restarts": lambda: imaging.encode(imaging.picture(200, 120), "JPEG",
                                            restart_marker_blocks=3),
    "mpo": mpo,
    "png": lambda: imaging.encode(imaging.picture(120, 80), "PNG"),
    "apng": lambda: _animated("PNG"),
    "gif": imaging.animated_gif,
    "gif-still": lambda: imaging.encode(imaging.picture(50, 40), "GIF"),
    "webp-lossy": lambda: imaging.encode(imaging.picture(120, 80), "WEBP", quality=80),
    "webp-lossless": lambda: imaging.encode(imaging.picture(120, 80), "WEBP", lossless=True),
    "webp-animated": lambda: _animated("WEBP"),
    "webp-exif": lambda: _with_exif("WEBP"),
    "tiff": lambda: imaging.encode(imaging.picture(120, 80), "TIFF"),
    "tiff-deflate": lambda: imaging.encode(imaging.picture(121, 81), "TIFF",
                                           compression="tiff_adobe_deflate"),
    "tiff-pages": _tiff_pages,
    "tiff-exif": lambda: _with_exif("TIFF"),
    "tiff-tiled-big-endian": tiled_tiff,
    "bmp": lambda: imaging.encode(imaging.picture(121, 81), "BMP"),
    "bmp-palette": lambda: imaging.encode(imaging.picture(33, 20).convert("P"), "BMP"),
    "bmp-1bit": lambda: imaging.encode(imaging.picture(33, 20).convert("1"), "BMP"),
    "heif": lambda: imaging.encode(imaging.picture(64, 48), "HEIF"),
    "avif": lambda: imaging.encode(imaging.picture(64, 48), "AVIF"),
}

@functools.cache
def clean(name: str) -> bytes:
    return CLEAN[name]()


# --- whole files --------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(CLEAN))
def test_a_whole_file_ends_where_it_ends(name):
    data = clean(name)
    result = check(data)
    if name == "tiff-pages":  # Pillow pads each page it appends to 16 bytes, with zeros
        assert result == Structure(result.end, None, 0, None)
        assert 0 < len(data) - result.end < 16 and not any(data[result.end :])
    else:
        assert result == Structure(len(data), None, 0, None)


def test_the_test_files_are_what_they_claim():
    assert opened(clean("mpo")) == ("MPO", 2)
    assert opened(clean("apng")) == ("PNG", 3)
    assert opened(clean("webp-animated")) == ("WEBP", 3)
    assert opened(clean("tiff-pages")) == ("TIFF", 2)
    thumbnailed = clean("jpeg-exif-thumbnail")
    assert opened(thumbnailed) == ("JPEG", 1)
    # the thumbnail's own EOI comes long before the photo's
    assert thumbnailed.index(b"\xff\xd9") < len(thumbnailed) // 2
    with Image.open(io.BytesIO(_with_exif("TIFF"))) as im:
        assert im.getexif().get_ifd(0x8825)  # the GPS IFD really is there to be walked
    with Image.open(io.BytesIO(tiled_tiff())) as im:
        assert im.size == (32, 32) and im.getpixel((17, 17)) == 40 * 3 + 2
    assert clean("jpeg-restarts").count(b"\xff\xd1") > 0


def test_unknown_formats_are_not_judged():
    assert inspect(b"8BPS" + bytes(100), "PSD") == Structure(None, None, 0, None)
    assert inspect(b"", "ICO") == Structure(None, None, 0, None)


# --- padding -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["jpeg", "mpo", "png", "gif", "webp-lossy", "tiff", "bmp",
                                  "heif"])
@pytest.mark.parametrize("padding", [b"\x00" * 300, b"\xff" * 37, b"\x00" * 5 + b"\xff" * 9,
                                     b"\x00"], ids=["zeros", "ff", "mixed", "one"])
def test_padding_after_the_end_is_not_trailing_data(name, padding):
    data = clean(name)
    assert check(data + padding) == Structure(check(data).end, None, 0, None)


def test_a_few_stray_bytes_after_a_jpeg_eoi_are_tolerated_but_not_more():
    data = clean("jpeg")
    for tail in (b"\r\n", b"\xff\xd9", b"x" * 16, b"\x00" * 100 + b"junk" + b"\x00" * 100):
        assert check(data + tail).trailing == 0, tail
    seventeen = check(data + b"y" * 17)
    assert (seventeen.end, seventeen.trailing, seventeen.trailing_kind) == (len(data), 17, "text")


def test_two_bytes_after_a_png_count():
    data = clean("png")
    assert check(data + b"hi") == Structure(len(data), None, 2, "text")
    assert check(data + b"\x00\x00\x01").trailing == 1


# --- appended files ------------------------------------------------------------------------


def _html() -> bytes:
    return b"<!DOCTYPE html>\n<html><body><script>alert(1)</script></body></html>\n"


@pytest.mark.parametrize("name, payload, kind", [
    ("jpeg", zip_archive, "zip"),
    ("jpeg", lambda: imaging.jpeg(200, 130, seed=5), "jpeg"),  # a passport after a photo
    ("jpeg-exif-thumbnail", zip_archive, "zip"),
    ("jpeg-progressive", lambda: b"%PDF-1.7\n" + bytes(range(256)), "pdf"),
    ("png", lambda: b"<html><body>hello</body></html>", "html"),
    ("png", _html, "html"),
    ("gif", lambda: b"Dear customer, your password is hunter2.\n" * 3, "text"),
    ("webp-lossy", lambda: b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "pdf"),
    ("webp-animated", zip_archive, "zip"),
    ("tiff", zip_archive, "zip"),
    ("tiff-pages", lambda: clean("png"), "png"),
    ("bmp", zip_archive, "zip"),
    ("heif", mp4_like, "mp4"),
    ("avif", lambda: clean("gif"), "gif"),
    ("heif", _html, "html"),
    ("apng", lambda: clean("webp-lossless"), "webp"),
    ("mpo", lambda: clean("tiff"), "tiff"),
])
def test_a_file_appended_to_an_image_is_trailing_data(name, payload, kind):
    data, extra = clean(name), payload()
    assert check(data + extra) == Structure(check(data).end, None, len(extra), kind)


@pytest.mark.parametrize("extra, kind", [
    (b"\x89PNG\r\n\x1a\n" + bytes(20), "png"), (b"GIF89a" + bytes(20), "gif"),
    (b"RIFF\x10\x00\x00\x00WEBPVP8 ", "webp"), (b"II*\x00\x08\x00\x00\x00", "tiff"),
    (b"MM\x00*\x00\x00\x00\x08", "tiff"), (b"PK\x03\x04\x14\x00", "zip"), (b"%PDF-1.5", "pdf"),
    (b"<?xml version='1.0'?><x/>", "html"), (b"  <SVG xmlns='x'></SVG>", "html"),
    (b"<HTML>", "html"), (b"\x00\x00\x00\x18ftypmp42", "mp4"),
    ("naïve café, 東京\n".encode() * 4, "text"), (b"\x01\x02\x03\x80\x81\x82\x90" * 9, "data"),
    (b"\xff\xd8\xff\xe0" + bytes(30), "jpeg"),
], ids=lambda value: value if isinstance(value, str) else None)
def test_what_follows_is_named_by_its_first_bytes(extra, kind):
    data = clean("png")
    assert check(data + extra) == Structure(len(data), None, len(extra), kind)


def test_padding_before_an_appended_file_is_not_counted():
    data, extra = clean("jpeg"), zip_archive()
    assert check(data + b"\x00" * 64 + extra) == Structure(len(data), None, len(extra), "zip")
    second = imaging.jpeg(64, 48, seed=9)  # 0xFF padding must not swallow its SOI's 0xFF
    assert check(data + b"\xff" * 10 + second) == Structure(len(data), None, len(second), "jpeg")


def test_a_bmp_file_size_field_stretched_over_appended_data_does_not_hide_it():
    data, extra = clean("bmp"), zip_archive()
    stretched = bytearray(data + extra)
    stretched[2:6] = struct.pack("<I", len(stretched))
    assert check(bytes(stretched)) == Structure(len(data), None, len(extra), "zip")


# --- what each walk checks ------------------------------------------------------------------


def test_jpeg_fill_bytes_before_a_marker_are_structure_but_stray_bytes_are_damage():
    data = clean("jpeg")
    filled = data[:2] + b"\xff\xff\xff" + data[2:]
    assert check(filled) == Structure(len(filled), None, 0, None)
    stray = data[:2] + b"hidden" + data[2:]
    assert "stray bytes" in inspect(stray, "JPEG").damage


def test_png_chunk_running_past_the_file_is_damage():
    data = bytearray(clean("png"))
    data[8:12] = struct.pack(">I", 10**6)  # the IHDR claims a megabyte
    result = inspect(bytes(data), "PNG")
    assert "runs past the end of the file" in result.damage


def test_gif_with_an_unknown_block_is_damaged():
    data = clean("gif-still")
    broken = data[:-1] + b"\x99" + data[-1:]  # a block type GIF does not have, before 0x3B
    assert "unexpected block 0x99" in inspect(broken, "GIF").damage


def test_webp_riff_size_larger_than_the_file_is_damage():
    data = bytearray(clean("webp-lossy"))
    data[4:8] = struct.pack("<I", len(data) + 100)
    assert "RIFF size says" in inspect(bytes(data), "WEBP").damage


def test_tiff_strips_past_the_file_are_damage_and_loops_end():
    data = bytearray(clean("tiff"))
    offset = struct.unpack_from("<I", data, 4)[0]
    count = struct.unpack_from("<H", data, offset)[0]
    for k in range(count):
        entry = offset + 2 + 12 * k
        if struct.unpack_from("<H", data, entry)[0] == 0x0111:  # StripOffsets
            struct.pack_into("<I", data, entry + 8, len(data) - 10)
    assert "runs past the end of the file" in inspect(bytes(data), "TIFF").damage
    looped = bytearray(clean("tiff"))
    struct.pack_into("<I", looped, offset + 2 + 12 * count, offset)  # next IFD: itself
    assert inspect(bytes(looped), "TIFF") == Structure(len(looped), None, 0, None)


def test_bigtiff_is_not_walked():
    data = imaging.encode(imaging.picture(40, 30), "TIFF", big_tiff=True)
    assert data[:4] == b"II+\x00"
    assert inspect(data, "TIFF") == Structure(None, None, 0, None)


def test_bmp_size_field_beyond_the_file_and_compressed_bmp():
    data = bytearray(clean("bmp-palette"))
    data[2:6] = struct.pack("<I", len(data) + 1)
    assert "file size field" in inspect(bytes(data), "BMP").damage
    rle = bytearray(clean("bmp-palette"))
    rle[30:34] = struct.pack("<I", 1)  # BI_RLE8: only the file size field gives the extent
    assert inspect(bytes(rle) + b"tail", "BMP") == Structure(len(rle), None, 4, "text")
    rle[2:6] = bytes(4)  # no file size either: the extent is not known
    assert inspect(bytes(rle), "BMP") == Structure(None, None, 0, None)


def _boxes(data: bytes) -> list[tuple[int, int, bytes]]:
    out, i = [], 0
    while i < len(data):
        size, kind = struct.unpack_from(">I4s", data, i)
        out.append((i, size, kind))
        i += size
    return out


def test_heif_last_box_to_the_end_of_the_file_and_64_bit_sizes():
    data = clean("heif")
    at, size, kind = _boxes(data)[-1]
    assert kind == b"mdat" and at + size == len(data)
    to_end = data[:at] + struct.pack(">I", 0) + data[at + 4 :]
    assert inspect(to_end, "HEIF") == Structure(len(data), None, 0, None)
    large = data[:at] + struct.pack(">I4sQ", 1, kind, size + 8) + data[at + 8 :]
    assert inspect(large, "HEIF") == Structure(len(large), None, 0, None)
    assert "runs past the end" in inspect(large[:-1], "HEIF").damage
    for junk in (b"\x01\x02zz", b"JUNKJUNKJUNK", b"<html>hi</html>", b"\x00\x00\x00\x03zzzzzz"):
        assert inspect(data + junk, "HEIF").trailing == len(junk.lstrip(b"\x00"))  # not boxes


# --- MPO -----------------------------------------------------------------------------------


def test_the_second_picture_of_an_mpo_is_not_trailing_data_but_a_third_is():
    data = clean("mpo")
    assert opened(data) == ("MPO", 2)
    assert inspect(data, "MPO", 2) == Structure(len(data), None, 0, None)
    third = imaging.jpeg(64, 48, seed=4)
    assert inspect(data + third, "MPO", 2) == Structure(len(data), None, len(third), "jpeg")
    first = structure._jpeg_stream(data, 0)[0]  # read as a plain JPEG, the second is appended
    assert inspect(data, "JPEG") == Structure(first, None, len(data) - first, "jpeg")


def test_an_mpo_with_padding_between_its_pictures():
    data = clean("mpo")
    first = structure._jpeg_stream(data, 0)[0]
    padded = data[:first] + b"\x00" * 100 + data[first:]
    assert inspect(padded, "MPO", 2) == Structure(len(padded), None, 0, None)


def test_an_mpo_missing_a_picture_is_damaged():
    data = clean("mpo")
    result = inspect(data, "MPO", 3)
    assert result.damage and "3" in result.damage


# --- truncation ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(CLEAN))
def test_a_truncated_file_is_damaged(name):
    data = clean(name)
    fmt, frames = opened(data)
    end = check(data).end  # cut what the format accounts for, not padding after it
    for cut in (end - 1, end - 2, end - 5, end - 13, end // 2, 20):
        result = inspect(data[:cut], fmt, frames)
        assert result.damage, (name, cut, result)


@pytest.mark.parametrize("name", ["jpeg", "jpeg-progressive", "jpeg-exif-thumbnail", "mpo"])
def test_a_jpeg_cut_anywhere_is_never_reported_complete(name):
    data = clean(name)
    fmt, frames = opened(data)
    for cut in range(0, len(data), 97):
        result = inspect(data[:cut], fmt, frames)
        assert result.damage is not None, (cut, result)


@pytest.mark.parametrize("name", ["png", "apng", "gif", "webp-animated", "tiff-pages", "bmp",
                                  "heif"])
def test_other_formats_cut_anywhere_are_never_reported_complete(name):
    data = clean(name)
    fmt, frames = opened(data)
    for cut in range(0, check(data).end, max(1, len(data) // 60)):
        result = inspect(data[:cut], fmt, frames)
        assert result.damage is not None, (cut, result)


def test_damage_says_what_is_missing():
    assert inspect(clean("jpeg")[:-2], "JPEG").damage == "JPEG ends inside its scan data (no " \
                                                         "end-of-image marker)"
    png = clean("png")
    assert inspect(png[:-12], "PNG").damage == "PNG ends before its IEND chunk"
    assert inspect(clean("gif")[:-1], "GIF").damage == "GIF ends before its trailer"
    webp = clean("webp-lossy")
    assert inspect(webp[:-4], "WEBP").damage.startswith("WebP RIFF size says")


# --- a header that claims more pixels than the file holds ----------------------------------


def _sof(data: bytes) -> int:
    """The offset of the first SOFn marker, found by walking the segments."""
    i = 2
    while data[i + 1] not in (0xC0, 0xC1, 0xC2):
        i += 2 + int.from_bytes(data[i + 2 : i + 4], "big")
    return i


def _claim(data: bytes, width: int, height: int) -> bytes:
    sof = _sof(data)
    return data[: sof + 5] + struct.pack(">HH", height, width) + data[sof + 9 :]


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
@pytest.mark.parametrize("progressive", [False, True])
def test_a_jpeg_claiming_far_more_pixels_than_it_holds_is_damaged(progressive):
    real = imaging.encode(imaging.picture(640, 427), "JPEG", quality=85, progressive=progressive)
    forged = _claim(real, 10000, 11000)
    with Image.open(io.BytesIO(forged)) as im:
        assert im.size == (10000, 11000)  # Pillow believes it (and libjpeg pads the rest)
    result = inspect(forged, "JPEG")
    assert result.end == len(forged) and result.trailing == 0
    assert re.fullmatch(r"JPEG scan data is \d+ KB, too short for 10000x11000 pixels",
                        result.damage)
    assert inspect(real, "JPEG").damage is None


@pytest.mark.parametrize("mode, save", [
    ("RGB", {"quality": 95}),
    ("RGB", {"quality": 95, "progressive": True, "optimize": True}),
    ("L", {"quality": 95, "progressive": True, "optimize": True}),
    ("L", {"quality": 50, "optimize": True}),
    ("RGB", {"quality": 30, "optimize": True, "subsampling": 0}),
])
def test_a_legitimately_flat_large_jpeg_is_not_too_short(mode, save):
    white = Image.new(mode, (4000, 3000), "white")
    data = imaging.encode(white, "JPEG", **save)
    assert check(data) == Structure(len(data), None, 0, None)


@pytest.mark.parametrize("size", [(1, 1), (7, 9), (8, 8), (17, 1), (1, 300)])
def test_tiny_jpegs_are_not_too_short(size):
    data = imaging.encode(Image.new("L", size, 0), "JPEG", optimize=True)
    assert check(data).damage is None


# --- hostile input -------------------------------------------------------------------------

FORMATS = ["JPEG", "MPO", "PNG", "GIF", "WEBP", "TIFF", "BMP", "HEIF", "AVIF"]
SMALL = {
    "JPEG": lambda: imaging.encode(imaging.picture(24, 16), "JPEG", quality=50),
    "MPO": lambda: imaging.encode(imaging.picture(16, 16), "MPO", save_all=True,
                                  append_images=[imaging.picture(16, 16, seed=1)], quality=40),
    "PNG": lambda: _animated("PNG", optimize=True),
    "GIF": lambda: imaging.animated_gif(frames=2, width=8, height=6),
    "WEBP": lambda: imaging.encode(imaging.picture(12, 8), "WEBP", quality=40),
    "TIFF": lambda: _with_exif("TIFF"),
    "BMP": lambda: imaging.encode(imaging.picture(12, 8), "BMP"),
    "HEIF": lambda: imaging.encode(imaging.picture(16, 16), "HEIF", quality=30),
    "AVIF": lambda: imaging.encode(imaging.picture(16, 16), "AVIF", quality=30),
}


@functools.cache
def small(fmt: str) -> bytes:
    return SMALL[fmt]()


def _sane(result: Structure, data: bytes) -> None:
    assert isinstance(result, Structure)
    assert result.end is None or 0 <= result.end <= len(data)
    assert 0 <= result.trailing <= len(data)
    assert (result.trailing == 0) == (result.trailing_kind is None)
    assert result.damage is None or (isinstance(result.damage, str) and "\n" not in result.damage)


FUZZ = settings(max_examples=200, deadline=400, suppress_health_check=[HealthCheck.too_slow])


SIGNATURES = [b"", b"\xff\xd8", b"\xff\xd8\xff\xda\x00\x02", b"\x89PNG\r\n\x1a\n", b"GIF89a",
              b"RIFF\x20\x00\x00\x00WEBP", b"II*\x00", b"MM\x00*", b"BM",
              b"\x00\x00\x00\x10ftypheic"]


@FUZZ
@given(prefix=st.sampled_from(SIGNATURES), body=st.binary(max_size=2000),
       fmt=st.sampled_from(FORMATS), frames=st.integers(0, 5))
def test_random_bytes_never_raise(prefix, body, fmt, frames):
    data = prefix + body
    _sane(structure._inspect(data, fmt, frames), data)  # without the safety net
    _sane(inspect(data, fmt, frames), data)


@FUZZ
@given(fmt=st.sampled_from(FORMATS), draws=st.data())
def test_mutated_files_never_raise(fmt, draws):
    data = bytearray(small(fmt))
    for _ in range(draws.draw(st.integers(1, 8))):
        where = draws.draw(st.integers(0, len(data) - 1))
        action = draws.draw(st.sampled_from(["set", "insert", "delete", "ff", "zero"]))
        value = draws.draw(st.integers(0, 255))
        if action == "set":
            data[where] = value
        elif action == "insert":
            data[where:where] = bytes([value]) * draws.draw(st.integers(1, 4))
        elif action == "delete" and len(data) > 1:
            del data[where : where + draws.draw(st.integers(1, 16))]
        elif action == "ff":
            data[where : where + 4] = b"\xff\xff\xff\xff"
        else:
            data[where : where + 4] = b"\xff\xff\x00\x00"
    mutated = bytes(data[: draws.draw(st.integers(0, len(data)))])
    frames = draws.draw(st.integers(1, 3))
    _sane(structure._inspect(mutated, fmt, frames), mutated)
    _sane(inspect(mutated, fmt, frames), mutated)


@FUZZ
@given(fmt=st.sampled_from(FORMATS), cut=st.integers(0, 10_000), tail=st.binary(max_size=64))
def test_truncated_files_with_any_tail_never_raise(fmt, cut, tail):
    data = small(fmt)[:cut] + tail
    _sane(structure._inspect(data, fmt, 2), data)


def _tiff_loop() -> bytes:
    """IFDs that point at each other, at themselves, and into each other's middle."""
    entries = struct.pack("<HHII", 0x014A, 4, 3, 26) + struct.pack("<HHII", 0x8769, 4, 1, 8)
    ifd = struct.pack("<H", 2) + entries + struct.pack("<I", 8)
    return b"II*\x00" + struct.pack("<I", 8) + ifd + struct.pack("<III", 8, 10, 12) + ifd * 5000


@pytest.mark.parametrize("fmt, data", [
    ("JPEG", b"\xff\xd8" + b"\xff" * 2_000_000),
    ("JPEG", b"\xff\xd8" + b"\xff\xd0" * 500_000),
    ("JPEG", b"\xff\xd8\xff\xda\x00\x02" + b"\xff\x00" * 1_000_000),
    ("MPO", (b"\xff\xd8\xff\xd9" + b"\x00\xff" * 3) * 100_000),
    ("PNG", b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\x00abcd\x00\x00\x00\x00" * 100_000),
    ("GIF", b"GIF89a" + bytes(7) + b"\x21\xf9" + b"\x01\x00" * 1_000_000),
    ("WEBP", b"RIFF\xf0\xff\x1f\x00WEBP" + b"\x00" * 2_000_000),
    ("TIFF", _tiff_loop()),
    ("HEIF", b"\x00\x00\x00\x10ftypheic\x00\x00\x00\x00" + b"\x00\x00\x00\x08free" * 200_000),
    ("BMP", b"BM" + b"\xff" * 2_000_000),
], ids=lambda value: value if isinstance(value, str) else "")
def test_large_hostile_files_take_linear_time(fmt, data):
    start = time.perf_counter()
    result = structure._inspect(data, fmt, 200_000)
    assert time.perf_counter() - start < 2.0
    _sane(result, data)
