"""Video and audio files as media: streams, sampled frames, tracks, limits, damage."""

from __future__ import annotations

import io

import av
import numpy as np
import pytest

from tests import clips, imaging
from vmscreen.media import Limits, MediaError, TimedMedia, open_media
from vmscreen.media.audio import SPEECH_RATE


def _samples(media: TimedMedia) -> tuple[list, list[MediaError]]:
    gaps: list[MediaError] = []
    return list(media.samples(gaps)), gaps


@pytest.mark.parametrize("family, fmt", [
    ("mp4", "MP4"), ("mov", "MP4"), ("3gp", "MP4"), ("webm", "MKV"), ("mkv", "MKV"),
    ("avi", "AVI"), ("mpg", "MPEG-PS"),
])
def test_every_video_family_opens_with_frames_and_sound(family, fmt):
    data = clips.clip(clips.moving_picture(96, 64), seconds=2.0, fps=10, family=family,
                      audio=clips.tone(2.0))
    media = open_media(data)
    assert isinstance(media, TimedMedia)
    assert (media.kind, media.format, media.width, media.height) == ("video", fmt, 96, 64)
    assert media.duration == pytest.approx(2.0, abs=0.15)
    samples, gaps = _samples(media)
    assert gaps == []
    times = [s.frame.time for s in samples]
    assert times[0] == pytest.approx(0.0, abs=0.05) and times == sorted(times)
    assert times[-1] >= 1.0  # the steady rate reaches the end
    assert samples[0].frame.image().size == (96, 64)
    assert samples[0].frame.image(48).size == (48, 32)
    (track,) = media.tracks
    assert track.seconds == pytest.approx(2.0, abs=0.15)
    assert track.damage is None and track.cut_at is None
    info = media.info.to_dict()
    assert info["format"] == fmt and info["audio_tracks"] == 1 and len(info["sha256"]) == 64


@pytest.mark.parametrize("family", ["wav", "flac", "mp3", "ogg", "m4a", "aiff"])
def test_every_audio_family_decodes_to_16k_mono(family):
    signal = clips.tone(1.5, hz=300)
    media = open_media(clips.audio_file(signal, family=family))
    assert media.kind == "audio" and media.width == media.height == 0
    samples, gaps = _samples(media)
    assert samples == [] and gaps == []
    (track,) = media.tracks
    decoded = track.samples()
    assert abs(len(decoded) / SPEECH_RATE - 1.5) < 0.1
    assert decoded.dtype == np.float32 and not decoded.flags.writeable
    assert 0.2 < float(np.abs(decoded).max()) <= 1.0


def test_cover_art_is_a_picture_of_the_audio_file():
    cover = imaging.picture(80, 60)
    media = open_media(clips.audio_file(clips.tone(0.5), family="mp3", cover=cover))
    assert media.pictures == 1
    samples, _ = _samples(media)
    assert [s.frame.time for s in samples] == [None]
    assert samples[0].frame.image().size == (80, 60)
    assert len(media.tracks) == 1


def test_a_rotated_phone_clip_is_read_upright():
    data = clips.clip(clips.still(imaging.picture(96, 64)), seconds=0.5, fps=4, family="mp4",
                      rotate=90)
    media = open_media(data)
    samples, _ = _samples(media)
    frame = samples[0].frame
    assert (frame.width, frame.height) == (64, 96)
    assert frame.image().size == (64, 96)


def test_a_truncated_clip_is_reported_and_what_decodes_is_kept():
    data = clips.clip(clips.moving_picture(96, 64), seconds=4.0, fps=10, family="mkv")
    samples, gaps = _samples(open_media(clips.cut(data, 0.7)))
    assert samples, "the frames before the cut are still screened"
    assert [g.code for g in gaps] == ["UNS001"]
    assert "not screened" in gaps[0].message


def test_a_clip_whose_frames_are_all_missing_reports_it():
    data = clips.clip(clips.moving_picture(96, 64), seconds=2.0, fps=10, family="mp4",
                      options={"movflags": "faststart"})
    index_end = data.index(b"mdat") + 16  # the index is whole, the media data gone
    media = open_media(data[:index_end])
    samples, gaps = _samples(media)
    assert samples == []
    assert [g.code for g in gaps] == ["UNS001"]


def test_limits_refuse_long_large_and_heavy_clips_before_decoding():
    data = clips.clip(clips.moving_picture(96, 64), seconds=2.0, fps=10)
    for limits, words in ((Limits(max_duration_s=1.0), "max_duration_s"),
                          (Limits(max_pixels=96 * 64 - 1), "pixel limit"),
                          (Limits(max_bytes=len(data) - 1), "bytes")):
        with pytest.raises(MediaError) as caught:
            TimedMedia(data, "clip", limits)
        assert caught.value.code == "UNS003" and words in caught.value.message


def test_decoding_stops_at_the_frame_limit_and_says_what_was_left():
    data = clips.clip(clips.moving_picture(96, 64), seconds=3.0, fps=10)
    media = TimedMedia(data, "clip", Limits(max_decoded_frames=12))
    samples, gaps = _samples(media)
    assert all(s.frame.time < 1.25 for s in samples)
    assert [g.code for g in gaps] == ["UNS007"]
    assert "max_decoded_frames" in gaps[0].message


@pytest.mark.parametrize("data", [
    b"\x00\x00\x00\x18ftypisom" + bytes(200),
    b"\x1a\x45\xdf\xa3" + bytes(range(256)) * 4,
    b"RIFF\x10\x00\x00\x00AVI LIST" + b"\xff" * 64,
    b"OggS" + b"\x00" * 100,
])
def test_hostile_containers_are_media_errors(data):
    with pytest.raises(MediaError) as caught:
        media = open_media(data)
        _samples(media)
        for track in media.tracks:
            track.samples()
            if track.damage:
                raise MediaError("UNS001", track.damage)
    assert caught.value.code in ("UNS001", "UNS002")


def test_damaged_cover_art_is_reported_and_the_sound_still_read():
    buffer = io.BytesIO()
    with av.open(buffer, "w", format="mp3") as out:
        sound = out.add_stream("libmp3lame", rate=44100)
        sound.layout = "mono"
        art = out.add_stream("png")
        art.width = art.height = 32
        art.pix_fmt = "rgb24"
        art.disposition = av.stream.Disposition.attached_pic
        packet = av.Packet(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)  # a PNG cut after its magic
        packet.stream, packet.pts, packet.dts = art, 0, 0
        out.mux(packet)
        clips.write_audio(out, sound, clips.tone(0.5), 16000)
    media = open_media(buffer.getvalue())
    samples, gaps = _samples(media)
    assert samples == [] and [g.code for g in gaps] == ["UNS001"]
    assert "cover art 1" in gaps[0].message
    assert media.tracks[0].seconds > 0.4
