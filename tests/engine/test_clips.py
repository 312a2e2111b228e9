"""Screening videos and audio files end to end with the real models: what a user uploading a
clip would check."""

from __future__ import annotations

import json

import av
import numpy as np
import pytest
from PIL import Image

from benchmarks.sets import synthetic_documents as docs
from tests import clips, imaging
from vmscreen import Decision, Screener
from vmscreen.zones import parse_zones

CARD = "5555555555554444"


def _room(width: int = 480, height: int = 360) -> Image.Image:
    return imaging.picture(width, height, seed=7)


def _with(background: Image.Image, thing: Image.Image, at: tuple[int, int]) -> Image.Image:
    out = background.copy()
    out.paste(thing, at)
    return out


def _portrait() -> Image.Image:
    return docs.portrait((150, 190), np.random.default_rng(4))


def _codes(result, code: str):
    return [f for f in result.findings if f.code == code]


def test_a_face_in_the_last_second_is_found_with_its_time(screener):
    room, face = _room(), _with(_room(), _portrait(), (160, 80))
    data = clips.clip(lambda t: face if t >= 4.0 else room, seconds=5.0, fps=10)
    result = screener.screen(data)
    (found,) = _codes(result, "FAC101")
    assert found.time >= 4.0 and found.box is not None
    assert result.decision is Decision.REJECT
    assert result.media.to_dict()["duration"] == pytest.approx(5.0, abs=0.2)


def test_a_card_held_up_for_one_second_is_found_and_never_written(screener):
    card = docs.payment_card(np.random.default_rng(3), "mastercard", number=CARD)
    card = card.resize((300, round(300 * card.height / card.width)))
    room = _room(640, 480)
    shown = _with(room, card, (170, 140))
    data = clips.clip(lambda t: shown if 6.3 <= t < 7.3 else room, seconds=10.0, fps=10)
    result = screener.screen(data)
    (found,) = _codes(result, "PAN101")
    assert 6.3 <= found.time < 7.3
    assert found.evidence_dict["last4"] == "4444"
    assert result.decision is Decision.REJECT
    text = json.dumps(result.to_dict())
    assert CARD not in text and "5555 5555" not in text


def test_a_still_shot_is_one_finding_spanning_the_clip(screener):
    scene = _with(_room(), _portrait(), (160, 80))
    result = screener.screen(clips.clip(clips.still(scene), seconds=4.0, fps=10))
    (found,) = _codes(result, "FAC101")
    assert found.time == 0.0 and found.until >= 3.0


def test_gps_in_the_container_meets_the_zones_as_for_photos():
    zones = parse_zones({"type": "Feature", "properties": {"name": "Clinic", "radius_m": 500},
                         "geometry": {"type": "Point", "coordinates": [-118.4762, 33.9951]}})
    data = clips.clip(clips.moving_picture(), seconds=1.0, fps=5, family="mov",
                      tags={"location": "+33.9951-118.4762/"})
    result = Screener(zones=zones).screen(data)
    assert {"MET101", "PLC101"} <= {f.code for f in result.findings}
    assert result.decision is Decision.REJECT
    assert "33.99" not in json.dumps(result.to_dict())


def test_a_truncated_clip_is_unscreened_and_still_reports_its_metadata(screener):
    data = clips.clip(clips.moving_picture(), seconds=3.0, fps=10, family="mov",
                      tags={"location": "+33.9951-118.4762/"}, options={"movflags": "faststart"})
    result = screener.screen(data[: data.index(b"mdat") + 64])
    codes = {f.code for f in result.findings}
    assert {"UNS001", "MET101"} <= codes
    assert result.decision is Decision.REVIEW


def test_cover_art_is_screened_as_a_picture(screener):
    cover = _with(Image.new("RGB", (400, 400), (90, 100, 110)), _portrait(), (120, 100))
    result = screener.screen(clips.audio_file(clips.tone(1.0), family="mp3", cover=cover,
                                              tags={"title": "Song", "artist": "Band"}))
    (face,) = _codes(result, "FAC101")
    assert face.time is None and face.frame == 0
    assert "CPR102" in {f.code for f in result.findings}


def test_a_second_video_stream_is_reported_not_passed(screener, tmp_path):
    path = tmp_path / "two.mkv"
    with av.open(str(path), "w", format="matroska") as out:
        streams = [out.add_stream("mpeg4", rate=5) for _ in range(2)]
        for stream in streams:
            stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
        for index in range(5):
            for stream in streams:
                frame = av.VideoFrame.from_image(imaging.picture(64, 48, seed=index))
                for packet in stream.encode(frame):
                    out.mux(packet)
        for stream in streams:
            for packet in stream.encode():
                out.mux(packet)
    result = screener.screen(path)
    (left,) = result.errors
    assert left.code == "UNS007" and "video stream 1" in left.message
    assert result.decision is Decision.REVIEW
