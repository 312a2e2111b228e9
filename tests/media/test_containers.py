"""Video and audio recognised by content: every family the issue names, and nothing else."""

from __future__ import annotations

import pytest

from tests import clips, imaging
from vmscreen.media.containers import recognise


@pytest.mark.parametrize("family, kind", [
    ("mp4", "MP4"), ("mov", "MP4"), ("3gp", "MP4"), ("webm", "MKV"), ("mkv", "MKV"),
    ("avi", "AVI"), ("mpg", "MPEG-PS"),
])
def test_video_families_are_recognised_by_content(family, kind):
    data = clips.clip(clips.moving_picture(64, 48), seconds=0.4, fps=5, family=family)
    assert recognise(data) == kind


@pytest.mark.parametrize("family, kind", [
    ("wav", "WAV"), ("flac", "FLAC"), ("mp3", "MP3"), ("ogg", "OGG"), ("m4a", "MP4"),
    ("aiff", "AIFF"),
])
def test_audio_families_are_recognised_by_content(family, kind):
    assert recognise(clips.audio_file(clips.tone(0.2), family=family)) == kind


@pytest.mark.parametrize("data", [
    imaging.jpeg(), imaging.encode(imaging.picture(), "PNG"), imaging.encode(
        imaging.picture(), "HEIF"), b"", b"RIFF\x00\x00\x00\x00WEBPVP8 ", b"hello world" * 9,
    b"\xff\xfb" + b"\x00" * 30,  # an MP3 sync word with a forbidden bitrate
])
def test_images_text_and_noise_are_not_taken_for_video(data):
    assert recognise(data) is None
