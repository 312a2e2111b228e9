"""Results read back from JSON: a resumed scan and `vmscreen report` rely on it."""

from __future__ import annotations

import json

from vmscreen import Result, default_policy
from vmscreen.findings import Category, Finding
from vmscreen.media import MediaInfo, TimedInfo


def test_a_clips_result_round_trips_with_its_duration_and_tracks():
    voice = Finding("VOI101", "identifiable-voice", Category.OTHER_PEOPLE, "voices", 0.8,
                    "speech for 4.2 s", time=1.5, until=5.7)
    clip = TimedInfo("WAV", "audio/wav", 0, 0, 0, 88_244, "ab" * 32, duration=5.0,
                     audio_tracks=1)
    photo = MediaInfo("JPEG", "image/jpeg", 640, 480, 1, 51_200, "cd" * 32)
    for media in (clip, photo, None):
        result = Result.decided("a", default_policy(), [voice], media=media)
        back = Result.from_dict(json.loads(json.dumps(result.to_dict())))
        assert back == result
        assert type(back.media) is type(media)
