"""Hostile, cut and mutated video and audio files: nothing raises, nothing hangs, and a clip cut
short is never accepted where its container says how long it should be."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import clips, imaging
from vmscreen import Decision
from vmscreen.media import Limits, MediaError, TimedMedia, open_media


def _valid() -> dict[str, bytes]:
    tone = clips.tone(2.0)
    return {
        **{family: clips.clip(clips.moving_picture(96, 64), seconds=2.0, fps=8, family=family,
                              audio=tone)
           for family in ("mp4", "mov", "mkv", "webm", "avi", "mpg")},
        **{family: clips.audio_file(tone, family=family)
           for family in ("wav", "flac", "mp3", "ogg", "m4a", "aiff")},
    }


VALID = _valid()
# Formats that state their length up front, so a cut is seen. MP3, MPEG and raw ADTS state
# none (their length is estimated from the bytes there are), nor does Ogg: cut, they are
# shorter files, screened in full for what they hold.
STATE_LENGTH = ("mp4", "mov", "mkv", "webm", "avi", "wav", "flac", "aiff", "m4a")


@pytest.mark.parametrize("family", sorted(VALID))
def test_the_valid_clips_are_screened_in_full(screener, family):
    result = screener.screen(VALID[family])
    assert not result.errors, [e.message for e in result.errors]


@pytest.mark.parametrize("family", STATE_LENGTH)
@pytest.mark.parametrize("keep", [0.9, 0.6, 0.3, 0.05])
def test_a_cut_clip_is_never_accepted(screener, family, keep):
    result = screener.screen(clips.cut(VALID[family], keep))
    assert result.decision is not Decision.ACCEPT
    assert {e.code for e in result.errors} <= {"UNS001", "UNS002"} and result.errors


@pytest.mark.parametrize("family", sorted(set(VALID) - set(STATE_LENGTH)))
@pytest.mark.parametrize("keep", [0.9, 0.5, 0.05])
def test_a_cut_stream_without_a_stated_length_still_raises_nothing(screener, family, keep):
    result = screener.screen(clips.cut(VALID[family], keep))
    assert result.decision in (Decision.ACCEPT, Decision.REVIEW, Decision.REJECT)


# Derandomised, so CI sees the same examples every run; run with --hypothesis-seed=N to explore.
@settings(max_examples=120, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(sorted(VALID)),
       cuts=st.lists(st.integers(0, 1 << 17), max_size=1),
       flips=st.lists(st.tuples(st.integers(0, 1 << 17), st.integers(0, 255)), max_size=12))
def test_decoding_mutated_clips_raises_nothing_but_media_errors(name, cuts, flips):
    data = imaging.mutated(VALID[name], cuts, flips)
    try:
        media = open_media(data, Limits(max_duration_s=60.0, max_decoded_frames=2000))
        if isinstance(media, TimedMedia):
            gaps: list[MediaError] = []
            for sample in media.samples(gaps):
                sample.frame.image(128)
            for track in media.tracks:
                assert np.isfinite(track.samples()).all()
    except MediaError as error:
        assert error.code.startswith("UNS")
