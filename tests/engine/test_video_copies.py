"""Sanitised copies of videos and audio files: every frame covered, the same container family,
the sound kept or dropped as the policy says, nothing of the original's metadata, and a clear
reason where no copy can be made. The clips are made here with PyAV (tests/clips.py)."""

from __future__ import annotations

import dataclasses
import io
import json
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest
from PIL import Image
from skimage import data

from tests import imaging
from tests.clips import audio_file, clip, moving_picture, tone
from vmscreen import Box, Category, Finding, Screener, catalogue, default_policy
from vmscreen.analyses import Engines
from vmscreen.analyses.faces import find_faces
from vmscreen.detectors.faces import FaceDetector
from vmscreen.engine import video_copies
from vmscreen.engine.copies import CopyPlanError, plan_copies
from vmscreen.engine.video_copies import ClipRefused, sanitised_clip
from vmscreen.media import Frame, open_media
from vmscreen.policy import Decision, Rule

# What FFmpeg's muxers must write (brands, MP4 handler names, Matroska's muxing app and track
# durations); anything else in a copy came from somewhere it should not have.
CONTAINER_KEYS = {"major_brand", "minor_version", "compatible_brands", "encoder"}
STREAM_KEYS = {"language", "handler_name", "DURATION", "vendor_id"}
TAGS = {"location": "+33.9951-118.4762/", "title": "Our street", "artist": "A. Neighbour"}
FACE = Image.fromarray(data.astronaut()).crop((150, 30, 290, 200)).resize((56, 68))


@pytest.fixture(scope="module")
def engines() -> Engines:
    return Engines.create()


def _walking_face(t: float) -> Image.Image:
    """A real face crossing a 160x120 frame at 50 px a second."""
    frame = imaging.picture(160, 120, seed=1).copy()
    frame.paste(FACE, (int(4 + 50 * t), 26))
    return frame


def _frames(data_: bytes) -> list[Image.Image]:
    with av.open(io.BytesIO(data_)) as container:
        return [frame.to_image() for frame in container.decode(video=0)]


def _faces(images: list[Image.Image], engines: Engines) -> list[int]:
    return [len(find_faces(Frame(n, None, im.size, lambda _, im=im: im), engines.faces))
            for n, im in enumerate(images)]


def _copy(data_: bytes, engines: Engines, findings: tuple[Finding, ...] = (),
          policy=None) -> video_copies.ClipCopy:
    return sanitised_clip(open_media(data_), findings, policy or default_policy(), catalogue(),
                          engines)


def _duration(data_: bytes) -> float:
    with av.open(io.BytesIO(data_)) as container:
        return container.duration / 1_000_000


def _streams(data_: bytes) -> list[str]:
    with av.open(io.BytesIO(data_)) as container:
        return [stream.type for stream in container.streams]


def _metadata(data_: bytes) -> tuple[dict[str, str], list[dict[str, str]]]:
    with av.open(io.BytesIO(data_)) as container:
        return dict(container.metadata), [dict(s.metadata) for s in container.streams]


def _voice(code: str = "VOI101") -> Finding:
    """A voice heard on the clip's only track, as the audio detectors report it: no box, no
    frame, the time span of the speech."""
    return Finding(code, "identifiable-voice", Category.OTHER_PEOPLE, "voices", 0.9,
                   "a voice", evidence={"track": 1}, time=0.2, until=1.0)


def _accepting_voices():
    policy = default_policy()
    rules = tuple(r for r in policy.rules if r.select != "VOI101")
    return dataclasses.replace(policy, rules=(*rules, Rule("VOI101", Decision.ACCEPT)))


def test_a_face_moving_across_the_clip_is_blurred_on_every_frame(engines):
    original = clip(_walking_face, seconds=2.0, fps=30, family="mp4")
    assert all(_faces(_frames(original), engines))  # the face is findable on every frame

    copy = _copy(original, engines)

    frames = _frames(copy.data)
    assert copy.suffix == ".mp4" and copy.faces > 0
    assert len(frames) == copy.frames == 60
    assert not any(_faces(frames, engines))
    assert abs(_duration(copy.data) - _duration(original)) <= 1 / 30


@pytest.mark.parametrize(("family", "suffix"), [
    ("mp4", ".mp4"), ("mov", ".mp4"), ("3gp", ".mp4"), ("webm", ".webm"), ("mkv", ".mkv"),
    ("avi", ".avi"), ("mpg", ".mpg")])
def test_a_copy_keeps_its_family_frames_timing_and_sound_and_drops_every_tag(
        engines, family, suffix):
    original = clip(moving_picture(96, 64), seconds=1.0, fps=10, family=family,
                    audio=tone(1.0), tags=TAGS)
    copy = _copy(original, engines)

    assert copy.suffix == suffix and copy.audio_kept
    assert _streams(copy.data) == ["video", "audio"]
    assert len(_frames(copy.data)) == len(_frames(original)) == copy.frames
    rate = 25 if family == "mpg" else 10
    assert abs(_duration(copy.data) - _duration(original)) <= 1 / rate
    container, streams = _metadata(copy.data)
    assert set(container) <= CONTAINER_KEYS and container.get("encoder", "Lavf") == "Lavf"
    assert all(set(tags) <= STREAM_KEYS for tags in streams)
    for value in (*TAGS.values(), "Lavc", "x264 - core"):  # nor the encoders' signatures
        assert value.encode() not in copy.data


def _with_telemetry(payload: bytes) -> bytes:
    """A two-frame MP4 with a location tag and a data stream (as a GoPro's GPS track)."""
    buffer = io.BytesIO()
    with av.open(buffer, "w", format="mp4") as out:
        out.metadata["location"] = TAGS["location"]
        stream = out.add_stream("mpeg4", rate=10)
        stream.width, stream.height, stream.pix_fmt = 32, 32, "yuv420p"
        telemetry = out.add_data_stream("bin_data")
        for _ in range(2):
            picture = Image.new("RGB", (32, 32), (90, 120, 150))
            out.mux(stream.encode(av.VideoFrame.from_image(picture)))
        out.mux(stream.encode(None))
        packet = av.Packet(payload)
        packet.stream, packet.pts, packet.dts, packet.duration = telemetry, 0, 0, 1
        packet.time_base = Fraction(1, 10)
        out.mux(packet)
    return buffer.getvalue()


def test_telemetry_streams_and_the_location_atom_are_left_behind(engines):
    original = _with_telemetry(b"GPS5" * 8)
    assert "data" in _streams(original)
    copy = _copy(original, engines)
    assert _streams(copy.data) == ["video"]
    assert "location" not in _metadata(copy.data)[0]
    assert b"GPS5" not in copy.data


def test_a_rotated_phone_clip_is_copied_upright(engines):
    def left_bright(t: float) -> Image.Image:
        image = Image.new("RGB", (160, 120), (20, 20, 20))
        image.paste((240, 240, 240), (0, 0, 80, 120))
        return image

    original = clip(left_bright, seconds=0.5, fps=10, rotate=90)
    media = open_media(original)
    upright = np.asarray(next(media.samples([])).frame.image().convert("L"), float)
    copy = np.asarray(_frames(_copy(original, engines).data)[0].convert("L"), float)
    assert copy.shape == upright.shape == (160, 120)  # stored as the screen saw it
    assert np.abs(copy - upright).mean() < 8


def test_a_card_box_is_filled_from_one_interval_before_it_was_seen_to_one_after(engines):
    def card(t: float) -> Image.Image:
        image = imaging.picture(160, 120, seed=2).copy()
        image.paste((250, 250, 250), (40, 30, 120, 80))
        return image

    original = clip(card, seconds=4.0, fps=5)
    media = open_media(original)
    interval = media.sampling.steady_interval(media.duration)  # how often the screen looks
    number = Finding("PAN101", "payment-card-number", Category.SENSITIVE_ID, "sensitive-id",
                     0.95, "a card number", box=Box(40, 30, 120, 80), frame=2, time=2.0,
                     until=2.2)
    copy = sanitised_clip(media, (number,), default_policy(), catalogue(), engines)

    assert copy.codes == ("PAN101",) and len(copy.regions) == 1
    # Seen from 2.0 s to 2.2 s, the card may have shown since the sample before, up to the
    # sample after: one interval either side.
    outside = []
    for index, frame in enumerate(_frames(copy.data)):
        box = np.asarray(frame.convert("L"))[32:78, 42:118]
        t = index / 5
        if 2.0 - interval <= t <= 2.2 + interval:
            assert box.mean() < 20, t
        elif t < 2.0 - interval - 0.1 or t > 2.2 + interval + 0.1:
            assert box.mean() > 200, t
            outside.append(t)
    assert min(outside) < 2.0 and max(outside) > 2.2


def test_the_sound_is_kept_when_the_policy_accepts_every_voice_and_dropped_otherwise(engines):
    original = clip(moving_picture(96, 64), seconds=1.0, fps=10, audio=tone(1.0))

    dropped = _copy(original, engines, (_voice(),))  # the default policy reviews voices
    assert not dropped.audio_kept and dropped.dropped == ("VOI101",)
    assert "VOI101" in dropped.codes and _streams(dropped.data) == ["video"]

    kept = _copy(original, engines, (_voice(),), policy=_accepting_voices())
    assert kept.audio_kept and kept.dropped == () and _streams(kept.data) == ["video", "audio"]
    assert abs(_duration(kept.data) - _duration(original)) < 0.1


def test_an_audio_file_whose_voice_the_policy_refuses_cannot_be_copied(engines):
    recording = audio_file(tone(1.0), family="wav", tags={"title": "Our street"})
    with pytest.raises(ClipRefused, match=r"heard in it \(VOI101\)"):
        _copy(recording, engines, (_voice(),))

    copy = _copy(recording, engines, (_voice(),), policy=_accepting_voices())
    assert copy.suffix == ".wav" and copy.audio_kept
    assert _metadata(copy.data) == ({}, [{}]) and b"Our street" not in copy.data


def test_an_mp3_loses_its_tags_and_cover_art(engines):
    song = audio_file(tone(1.0), family="mp3", tags=TAGS, cover=imaging.picture(32, 32))
    assert "video" in _streams(song)
    copy = _copy(song, engines)
    assert copy.suffix == ".mp3" and _streams(copy.data) == ["audio"]
    assert _metadata(copy.data) == ({}, [{}])
    assert not copy.data.startswith(b"ID3")


def test_no_copy_where_the_screen_did_not_finish_or_the_encoder_is_missing(engines,
                                                                         monkeypatch):
    original = clip(moving_picture(96, 64), seconds=0.5, fps=10, family="avi")
    gap = Finding("UNS007", "frames-not-screened", Category.UNSCREENED, "media", 1.0, "")
    with pytest.raises(ClipRefused, match="not screened completely"):
        _copy(original, engines, (gap,))
    family = dataclasses.replace(video_copies.FAMILIES["avi"], video=("no-such-encoder",))
    monkeypatch.setitem(video_copies.FAMILIES, "avi", family)
    with pytest.raises(ClipRefused, match=r"cannot write \.avi video"):
        _copy(original, engines)


def test_redact_writes_the_copy_and_its_record_and_never_replaces_a_file(engines, tmp_path):
    source = tmp_path / "street.mov"
    source.write_bytes(clip(_walking_face, seconds=1.0, fps=10, family="mov", tags=TAGS))
    original = source.read_bytes()
    screener = Screener(detectors=[FaceDetector()], engines=engines)

    done = screener.redact(source, tmp_path / "out" / "street.mov")

    assert done.written and done.output == str(tmp_path / "out" / "street.mov.mp4")
    assert "FAC101" in done.codes
    record = json.loads(Path(done.record).read_text())
    assert record["metadata"] == "stripped" and {c["code"] for c in record["covered"]} == {
        "FAC101"}
    copy = Path(done.output).read_bytes()
    assert not any(_faces(_frames(copy), engines))
    assert TAGS["location"].encode() not in copy

    again = screener.redact(source, tmp_path / "out" / "street.mov")
    assert not again.written and "never replaces a file" in again.skipped
    assert Path(done.output).read_bytes() == copy
    assert source.read_bytes() == original
    mp4 = tmp_path / "street.mp4"
    mp4.write_bytes(clip(moving_picture(96, 64), seconds=0.5, fps=10))
    assert not screener.redact(mp4, mp4).written  # its copy would be the original itself


def test_copies_of_videos_and_audio_are_planned_under_the_names_they_are_written_to(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    movie = clip(moving_picture(32, 32), seconds=0.2, fps=10)
    for name in ("p.mov", "c.m4v"):
        (inputs / name).write_bytes(movie)
    (inputs / "w.webm").write_bytes(clip(moving_picture(32, 32), seconds=0.2, family="webm"))
    (inputs / "s.wav").write_bytes(audio_file(tone(0.2)))
    plan = {source.name: copy.name for source, copy in plan_copies([inputs], tmp_path / "out")}
    assert plan == {"p.mov": "p.mov.mp4", "c.m4v": "c.m4v", "w.webm": "w.webm",
                    "s.wav": "s.wav"}

    (inputs / "p.mov.mp4").write_bytes(movie)
    with pytest.raises(CopyPlanError, match="would both be copied to"):
        plan_copies([inputs], tmp_path / "out")
