"""Hostile files, made here: truncations at many offsets, bombs, polyglots, wrong types, sizes
past the limits, malformed metadata, odd modes. For each, through the batch as `vmscreen scan`
runs it: no exception escapes, nothing hangs, and nothing is accepted. And the API never raises
for bad media, whatever it is handed."""

from __future__ import annotations

import io
import struct
import time
import zipfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from tests import imaging
from vmscreen import Decision, Limits, MediaError, Screener, open_media
from vmscreen.engine.batch import BatchSettings, screen_files

PICTURE = imaging.picture(120, 90, seed=5)


def _valid() -> dict[str, bytes]:
    return {
        "jpeg": imaging.jpeg(120, 90, gps=(48.85, 2.35)),
        "progressive.jpeg": imaging.encode(PICTURE, "JPEG", progressive=True),
        "png": imaging.encode(PICTURE, "PNG"),
        "gif": imaging.animated_gif(frames=3),
        "webp": imaging.encode(PICTURE, "WEBP", quality=80),
        "tiff": imaging.encode(PICTURE, "TIFF", save_all=True,
                               append_images=[imaging.picture(60, 40, seed=6)]),
        "bmp": imaging.encode(PICTURE, "BMP"),
        "heic": imaging.encode(PICTURE, "HEIF"),
        "mpo": imaging.encode(PICTURE, "MPO", save_all=True,
                              append_images=[imaging.picture(120, 90, seed=7)]),
    }


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("passport.txt", "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<")
    return buffer.getvalue()


def _png_claiming(width: int, height: int) -> bytes:
    """A few hundred bytes of PNG whose header declares ``width`` x ``height`` 1-bit pixels."""
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body)))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00" * 1024)) + chunk(b"IEND", b""))


def _claims(jpeg: bytes, width: int, height: int) -> bytes:
    """The JPEG with its frame header rewritten to claim another size."""
    at = jpeg.index(b"\xff\xc0")
    return jpeg[:at + 5] + struct.pack(">HH", height, width) + jpeg[at + 9:]


def _hostile() -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    valid = _valid()
    for name, data in valid.items():
        # Cuts inside the image's own structure (writers may pad the end of a file with a few
        # zero bytes: cutting those loses nothing).
        end = len(data.rstrip(b"\x00"))
        for cut in (end - 1, end - 2, end * 9 // 10, end * 2 // 3, end // 2, end // 5, 40, 12):
            files[f"truncated-{cut}.{name}"] = data[:cut]
    files["jpeg+zip.jpg"] = valid["jpeg"] + _zip()
    files["jpeg+jpeg.jpg"] = valid["jpeg"] + imaging.jpeg(200, 150, seed=9)
    files["png+html.png"] = valid["png"] + b"<html><body>hello</body></html>"
    files["gif+text.gif"] = valid["gif"] + b"#!/bin/sh\necho hidden\n"
    files["tiff+zip.tiff"] = valid["tiff"] + _zip()
    files["claims-10000x11000.jpg"] = _claims(imaging.jpeg(640, 427), 10000, 11000)
    files["bomb.png"] = _png_claiming(50_000, 50_000)
    files["bomb-70000.png"] = _png_claiming(70_000, 70_000)
    files["bomb-11000.png"] = _png_claiming(11_000, 10_900)  # under the pixel limit, no data
    files["text-as.jpg"] = b"dear diary, this is no photo"
    files["pdf-as.png"] = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer\n%%EOF\n"
    files["zip-as.jpg"] = _zip()
    files["empty.jpg"] = b""
    files["random.bin"] = np.random.default_rng(1).integers(0, 256, 4096, np.uint8).tobytes()
    files["garbage-exif.jpg"] = imaging.garbage_exif_jpeg()
    files["billion-laughs.jpg"] = imaging.jpeg(xmp=imaging.billion_laughs_xmp())
    return files


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("hostile")
    paths = {}
    for name, data in _hostile().items():
        paths[name] = root / name
        paths[name].write_bytes(data)
    return paths


def test_no_hostile_file_escapes_hangs_or_passes(corpus):
    settings_ = BatchSettings(limits=Limits(max_seconds=30.0), stop_grace_s=5.0)
    start = time.perf_counter()
    results = {r.path: r for r in screen_files(list(corpus.values()), settings_, jobs=2)}
    assert time.perf_counter() - start < 300
    assert set(results) == {str(path) for path in corpus.values()}
    passed = sorted(Path(path).name for path, result in results.items()
                    if result.decision is Decision.ACCEPT)
    assert passed == [], passed
    for result in results.values():  # each says why, in a code a user can look up
        assert result.errors or result.decision is Decision.REJECT, result.path


def test_the_valid_originals_of_the_corpus_are_screened_in_full(corpus):
    screener = Screener()
    for name, data in _valid().items():
        result = screener.screen(data, name=name)
        assert not result.errors, (name, [e.message for e in result.errors])


@pytest.mark.parametrize("source", [
    imaging.encode(Image.new("RGB", (10000, 1), (128, 128, 128)), "JPEG"),
    imaging.encode(Image.new("RGB", (2, 4096), (128, 128, 128)), "JPEG"),
    *(Image.new(mode, (64, 48)) for mode in ("CMYK", "F", "YCbCr", "HSV", "LAB", "I", "I;16",
                                             "1", "P", "LA", "La", "PA", "RGBa", "RGBX")),
    Image.new("RGB", (0, 0)), np.zeros((0, 0, 3), np.uint8), np.zeros((0, 5), np.uint8),
    "/tmp/a\x00b.jpg", b"\x00" * 10, "/definitely/not/here.jpg",
], ids=lambda source: type(source).__name__)
def test_the_api_never_raises_for_bad_or_odd_media(source, screener):
    result = screener.screen(source)
    assert result.decision in (Decision.ACCEPT, Decision.REVIEW, Decision.REJECT)
    if result.media is None:
        assert result.errors and result.decision is not Decision.ACCEPT


SMALL = {name: data for name, data in _valid().items() if name != "heic"}


# Derandomised, so CI sees the same examples every run; run with --hypothesis-seed=N to explore.
@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(sorted(SMALL)),
       cuts=st.lists(st.integers(0, 1 << 16), max_size=1),
       flips=st.lists(st.tuples(st.integers(0, 1 << 16), st.integers(0, 255)), max_size=8))
def test_decoding_mutated_files_raises_nothing_but_media_errors(name, cuts, flips):
    data = imaging.mutated(SMALL[name], cuts, flips)
    try:
        media = open_media(data, Limits(max_pixels=4_000_000))
        for frame in media.frames():
            frame.image(256)
            frame.grey()
    except MediaError as error:
        assert error.code.startswith("UNS")
