"""Container metadata read with PyAV: tags by container family, GPS from ISO 6709 location tags
and GoPro telemetry, and input that cannot be read recorded, never raised.

The fixtures are written here with PyAV (FFmpeg's muxers), so the tags are the ones FFmpeg
really writes and reads back; Android's udta/©xyz atom is added by hand.
"""

from __future__ import annotations

import io
import math
import struct
import time
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.media.test_gpmf import gps5, nest, numbers, text
from vmscreen.media.container_metadata import parse_iso6709, read_container_metadata

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "datasets"
POSITION = (33.9951, -118.4762)

_SAMPLE_TYPES = {"fltp": np.float32, "flt": np.float32, "s16": np.int16, "s16p": np.int16,
                 "s32": np.int32, "s32p": np.int32}


def video(fmt: str = "mp4", tags: dict[str, str] | None = None, *, options: dict | None = None,
          telemetry: tuple[bytes, ...] = (), faststart: bool = False) -> bytes:
    """A two-frame 32x32 MPEG-4 clip with these container tags (and a GoPro 'gpmd' track
    holding these payloads)."""
    buf = io.BytesIO()
    options = dict(options or {})
    if faststart:
        options["movflags"] = "faststart"
    with av.open(buf, "w", format=fmt, options=options) as out:
        out.metadata.update(tags or {})
        stream = out.add_stream("mpeg4", rate=10)
        stream.width = stream.height = 32
        stream.pix_fmt = "yuv420p"
        data = out.add_data_stream("bin_data") if telemetry else None
        for _ in range(2):
            picture = av.VideoFrame.from_ndarray(np.zeros((32, 32, 3), np.uint8), format="rgb24")
            out.mux(stream.encode(picture))
        out.mux(stream.encode(None))
        for index, payload in enumerate(telemetry):
            packet = av.Packet(payload)
            packet.stream = data
            packet.pts = packet.dts = index
            packet.duration = 1  # else the mov demuxer drops the last sample
            packet.time_base = Fraction(1, 10)
            out.mux(packet)
    return buf.getvalue()


def audio(fmt: str, codec: str, tags: dict[str, str] | None = None, rate: int = 8000) -> bytes:
    """A short silent mono recording in this format with these tags."""
    buf = io.BytesIO()
    with av.open(buf, "w", format=fmt) as out:
        out.metadata.update(tags or {})
        stream = out.add_stream(codec, rate=rate, layout="mono")
        sample_format = stream.codec_context.format.name
        size = stream.codec_context.frame_size or 1024
        for index in range(3):
            frame = av.AudioFrame.from_ndarray(
                np.zeros((1, size), _SAMPLE_TYPES[sample_format]), format=sample_format,
                layout="mono")
            frame.sample_rate = rate
            frame.pts = index * size
            out.mux(stream.encode(frame))
        out.mux(stream.encode(None))
    return buf.getvalue()


def with_xyz(mp4: bytes, location: str) -> bytes:
    """The clip with Android's moov/udta/©xyz atom (16-bit length, packed language 'eng'). FFmpeg
    writes the moov box last, so adding to it moves no media data."""
    value = location.encode("utf-8")
    xyz = struct.pack(">I4sHH", 12 + len(value), b"\xa9xyz", len(value), 0x15C7) + value
    udta = struct.pack(">I4s", 8 + len(xyz), b"udta") + xyz
    position = 0
    while position < len(mp4):
        size, kind = struct.unpack(">I4s", mp4[position : position + 8])
        if kind == b"moov":
            assert position + size == len(mp4), "moov is not the last box"
            return mp4[:position] + struct.pack(">I", size + len(udta)) + mp4[position + 4 :] + udta
        position += size
    raise AssertionError("no moov box")


# -- tags by container ------------------------------------------------------------------------


def test_mp4_with_android_xyz_gives_gps_creation_time_and_version():
    data = with_xyz(video("mp4", {"creation_time": "2017-07-13T19:16:41Z",
                                  "com.android.version": "7.1.2"},
                          options={"movflags": "use_metadata_tags"}), "+33.9951-118.4762/")
    assert b"\xa9xyz" in data
    metadata = read_container_metadata(data)
    assert metadata.container_format == "MP4" and metadata.errors == ()
    assert metadata.gps is not None and metadata.gps.source == "container"
    assert (metadata.gps.latitude, metadata.gps.longitude) == POSITION
    assert metadata.gps_unreadable is None
    tags = metadata.container
    assert tags["location"] == "+33.9951-118.4762/"
    assert tags["creation_time"].startswith("2017-07-13")
    assert tags["com.android.version"] == "7.1.2"
    assert "major_brand" not in tags and "handler_name" not in tags  # layout, not metadata


def test_quicktime_muxer_writes_xyz_from_the_location_tag():
    data = video("mov", {"location": "+48.8584+002.2945/", "make": "Acme", "model": "Cam 1"})
    assert b"\xa9xyz" in data and b"\xa9mak" in data
    metadata = read_container_metadata(data)
    assert metadata.container_format == "MOV"
    assert metadata.gps is not None
    assert (metadata.gps.latitude, metadata.gps.longitude) == (48.8584, 2.2945)
    assert metadata.container["make"] == "Acme" and metadata.container["model"] == "Cam 1"


def test_mp4_muxer_writes_a_3gpp_loci_box_that_reads_back_as_location():
    data = video("mp4", {"location": "-33.8688+151.2093/"})
    assert b"loci" in data and b"\xa9xyz" not in data  # FFmpeg's mp4 muxer: loci, not ©xyz
    gps = read_container_metadata(data).gps
    assert gps is not None and (gps.latitude, gps.longitude) == pytest.approx((-33.8688, 151.2093))


def test_apple_iso6709_key_with_altitude_and_crs():
    data = video("mov", {"com.apple.quicktime.location.ISO6709": "+27.5916+086.5640+8850CRSWGS_84/",
                         "com.apple.quicktime.make": "Apple",
                         "com.apple.quicktime.model": "iPhone 12",
                         "com.apple.quicktime.creationdate": "2023-05-01T10:00:00+0200"},
                 options={"movflags": "use_metadata_tags"})
    metadata = read_container_metadata(data)
    assert metadata.gps is not None and metadata.gps.source == "container"
    assert (metadata.gps.latitude, metadata.gps.longitude) == (27.5916, 86.564)
    assert metadata.container["com.apple.quicktime.make"] == "Apple"
    assert "com.apple.quicktime.location.iso6709" in metadata.container  # keys in lower case


@pytest.mark.parametrize("location", ["+3X.9951-118.4762/", "+33.9951/", "+95.0000-118.4762/",
                                      "+33.9951-218.4762/", "+3360.00-11828.57/"])
def test_unparseable_position_is_recorded_as_unreadable(location):
    data = video("mov", {"com.apple.quicktime.location.ISO6709": location},
                 options={"movflags": "use_metadata_tags"})
    metadata = read_container_metadata(data)
    assert metadata.gps is None and metadata.gps_unreadable == "container"


def test_a_location_name_is_not_a_position():
    metadata = read_container_metadata(audio("flac", "flac", {"LOCATION": "Royal Albert Hall"}))
    assert metadata.gps is None and metadata.gps_unreadable is None
    assert metadata.container["location"] == "Royal Albert Hall"


def test_null_island_is_no_fix():
    metadata = read_container_metadata(video("mov", {"location": "+00.0000+000.0000/"}))
    assert metadata.gps is None and metadata.gps_unreadable is None


def test_mp3_id3_frames():
    data = audio("mp3", "mp3", {"title": "Song", "artist": "Band", "copyright": "2026 Label Ltd",
                                "publisher": "Label Ltd", "ISRC": "GBAYE0000001"})
    # FFmpeg writes ISRC as a user-defined TXXX frame, and reads it back by its description.
    assert all(frame in data for frame in (b"TIT2", b"TPE1", b"TCOP", b"TPUB", b"TXXX"))
    metadata = read_container_metadata(data)
    assert metadata.container_format == "ID3"
    assert {key: metadata.container[key] for key in ("title", "artist", "copyright", "publisher",
                                                     "isrc")} == {
        "title": "Song", "artist": "Band", "copyright": "2026 Label Ltd",
        "publisher": "Label Ltd", "isrc": "GBAYE0000001"}


@pytest.mark.parametrize("fmt, codec, rate", [("flac", "flac", 8000), ("ogg", "libopus", 48000)])
def test_vorbis_comments(fmt, codec, rate):
    data = audio(fmt, codec, {"TITLE": "Song", "ARTIST": "Band", "COPYRIGHT": "2026 Band"}, rate)
    assert b"TITLE=Song" in data  # a Vorbis comment, as written
    metadata = read_container_metadata(data)
    assert metadata.container_format == "VORBIS"
    assert metadata.container["title"] == "Song" and metadata.container["artist"] == "Band"
    assert metadata.container["copyright"] == "2026 Band"


def test_m4a_itunes_atoms():
    data = audio("ipod", "aac", {"title": "Song", "artist": "Band", "copyright": "2026 Band",
                                 "album": "Record"}, rate=8000)
    assert all(atom in data for atom in (b"\xa9nam", b"\xa9ART", b"cprt", b"\xa9alb"))
    metadata = read_container_metadata(data)
    assert metadata.container_format == "MP4"
    assert metadata.container["title"] == "Song" and metadata.container["copyright"] == "2026 Band"


def test_matroska_tags_in_capitals_are_read_in_lower_case():
    metadata = read_container_metadata(video("matroska", {"ARTIST": "Band", "title": "Film"}))
    assert metadata.container_format == "MKV"
    assert metadata.container["artist"] == "Band" and metadata.container["title"] == "Film"


def test_a_phone_clip_with_only_a_creation_time():
    metadata = read_container_metadata(video("mp4", {"creation_time": "2024-02-03T04:05:06Z"}))
    assert set(metadata.container) == {"creation_time", "encoder"}
    assert metadata.gps is None and metadata.errors == ()


def test_long_values_are_cut_and_tags_are_counted():
    metadata = read_container_metadata(audio("flac", "flac", {"COMMENT": "x" * 10_000}))
    assert len(metadata.container["comment"]) == 4096


# -- GoPro telemetry --------------------------------------------------------------------------


def test_gpmf_track_gives_the_first_fix():
    no_lock = gps5((33.0, -117.0), fix=0)
    locked = gps5((0.0, 0.0), (33.1253680, -117.3310641))
    data = video("mp4", telemetry=(no_lock, locked))
    assert b"gpmd" in data  # the sample entry GoPro cameras write
    metadata = read_container_metadata(data)
    assert metadata.errors == ()
    assert metadata.gps is not None and metadata.gps.source == "gpmf"
    assert (metadata.gps.latitude, metadata.gps.longitude) == (33.125368, -117.3310641)


def test_container_position_comes_before_telemetry():
    data = video("mp4", {"location": "+48.8584+002.2945/"}, telemetry=(gps5((33.1, -117.3)),))
    assert read_container_metadata(data).gps.source == "container"


def test_damaged_telemetry_is_recorded():
    damaged = gps5((33.1, -117.3))[:-8]
    metadata = read_container_metadata(video("mp4", telemetry=(damaged,)))
    assert metadata.gps is None
    assert metadata.errors == ("GPMF telemetry unreadable: an item runs past the end of its "
                               "container",)


def test_telemetry_is_read_only_up_to_the_budget():
    no_lock = gps5((33.0, -117.0), fix=0)
    data = video("mp4", telemetry=(no_lock, gps5((33.1, -117.3))))
    metadata = read_container_metadata(data, max_telemetry_bytes=len(no_lock))
    assert metadata.gps is None
    assert metadata.errors == (
        f"GPMF telemetry read in part: no GPS fix in its first {len(no_lock)} bytes",)
    # Telemetry without GPS in it says nothing, however little of it was read.
    quiet = nest("DEVC", nest("STRM", text("STNM", "Accelerometer"), numbers("SCAL", "s", 418)))
    data = video("mp4", telemetry=(quiet, quiet))
    assert read_container_metadata(data, max_telemetry_bytes=len(quiet)).errors == ()


# -- what cannot be read ----------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"\x00" * 100, b"not a video at all" * 50,
                                  b"ffconcat version 1.0\nfile passwd\n",
                                  b"#EXTM3U\n#EXTINF:1,\nfile:///etc/passwd\n"])
def test_unreadable_input_is_an_error_not_an_exception(data):
    metadata = read_container_metadata(data)
    assert metadata.container == {} and metadata.gps is None
    assert len(metadata.errors) == 1 and metadata.errors[0].startswith("container unreadable: ")


def test_a_truncated_clip_still_gives_its_tags():
    whole = with_xyz(video("mp4", {"creation_time": "2017-07-13T19:16:41Z"}), "+33.9951-118.4762/")
    # Move moov first, as phones write it, then cut the media data off.
    moov = whole.index(b"moov") - 4
    mdat = whole.index(b"mdat") - 4
    header = whole[:mdat]
    cut = header + whole[moov:] + whole[mdat : mdat + 16]
    metadata = read_container_metadata(cut)
    assert metadata.gps is not None and metadata.container["creation_time"].startswith("2017")


def test_parse_iso6709_forms():
    assert parse_iso6709("+33.9951-118.4762/") == (33.9951, -118.4762)
    assert parse_iso6709("+27.5916+086.5640+8850CRSWGS_84/") == (27.5916, 86.564)
    assert parse_iso6709("+3359.706-11828.572/") == pytest.approx((33.9951, -118.4762))
    assert parse_iso6709("-335942.36+1182834.32/") == pytest.approx((-33.99510, 118.47620))
    assert parse_iso6709("+5.5-3.25") == (5.5, -3.25)  # leading zeros dropped, no solidus
    for bad in ("", "33.9951,-118.4762", "+3360.00-11828.57/", "+335960-1182834/",
                "+123.4-118.4/", "+33.99-11828.5712345/x"):
        assert any(math.isnan(v) for v in parse_iso6709(bad))


# -- the real clips beside the repository ------------------------------------------------------


def _real(name: str) -> bytes:
    path = SHARED / name
    if not path.is_file():
        pytest.skip(f"shared datasets not present ({name})")
    return path.read_bytes()


def test_real_gopro_karma_telemetry():
    started = time.perf_counter()
    metadata = read_container_metadata(_real("video/gopro/gopro_karma_gps.mp4"))
    assert time.perf_counter() - started < 2.0
    assert metadata.gps is not None and metadata.gps.source == "gpmf"
    # 33°7'31"N 117°19'52"W
    assert metadata.gps.latitude == pytest.approx(33 + 7 / 60 + 31 / 3600, abs=1e-3)
    assert metadata.gps.longitude == pytest.approx(-(117 + 19 / 60 + 52 / 3600), abs=1e-3)
    assert metadata.container["firmware"].startswith("HD5") and metadata.errors == ()


def test_real_truncated_android_clip():
    metadata = read_container_metadata(_real("video/jcodec/android_phone_gps_keyed.mp4"))
    assert metadata.gps is not None and metadata.gps.source == "container"
    assert (metadata.gps.latitude, metadata.gps.longitude) == POSITION
    assert metadata.container["creation_time"].startswith("2017-07-13")
    assert metadata.container["com.android.version"] == "7.1.2"
    assert metadata.errors == ()


def test_real_audio_tags():
    song = read_container_metadata(_real("audio/moviepy/silent_with_cover_art.mp3"))
    assert {"title", "artist", "album", "track"} <= set(song.container)
    assert "comment" not in song.container  # the cover picture's own tag is not the song's
    effect = read_container_metadata(_real("audio/moviepy/crunching_noise.mp3"))
    assert effect.container == {"artist": "SoundJay.com Sound Effects"}


def test_real_clips_without_gps_have_none():
    for name in ("video/jcodec/iphone_keyboard.mp4", "video/opencv_doc/Megamind.avi",
                 "video/jcodec/test1_short.mkv", "video/phone/phone_2011_h263_amr.3gp"):
        metadata = read_container_metadata(_real(name))
        assert metadata.gps is None and metadata.gps_unreadable is None and not metadata.errors


_CLIP = video("mp4", {"location": "+33.9951-118.4762/", "title": "Song", "artist": "Band"},
              telemetry=(gps5((33.1, -117.3)),))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(_CLIP) - 1), st.integers(0, 255)), max_size=8),
       st.integers(16, len(_CLIP)))
def test_damaged_clips_never_raise(changes, length):
    damaged = bytearray(_CLIP[:length])
    for position, value in changes:
        if position < len(damaged):
            damaged[position] = value
    metadata = read_container_metadata(bytes(damaged))
    assert all(isinstance(value, str) for value in metadata.container.values())
