"""Silero VAD: speech found in speech and nowhere else, and Silero's segment rule ported
faithfully (its thresholds, minimum durations and padding)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from tests.speech import ORDINARY, chord, pink_noise, silence, speech, white_noise, with_silence
from vmscreen.analyses.speech import SileroVad
from vmscreen.analyses.speech.vad import BLOCK, CONTEXT, FRAME, frame_blocks, speech_spans
from vmscreen.models import SILERO_VAD


@pytest.fixture(scope="module")
def vad() -> SileroVad:
    return SileroVad(threads=1)


def test_speech_is_found_where_it_is_said(vad):
    said = speech(ORDINARY)
    alone = vad.segments(said)
    segments = vad.segments(with_silence(said, before=1.0, after=1.0))
    assert alone and segments
    # A second of silence before the speech moves it by a second.
    assert segments[0].start == pytest.approx(alone[0].start + 1.0, abs=0.1)
    assert segments[-1].end == pytest.approx(alone[-1].end + 1.0, abs=0.1)
    assert sum(s.duration for s in segments) > 0.7 * len(said) / 16000
    assert all(0.5 < s.probability <= 1 for s in segments)
    assert all(a.end <= b.start for a, b in itertools.pairwise(segments))


@pytest.mark.parametrize("sound", [
    pytest.param(lambda: silence(3), id="silence"),
    pytest.param(lambda: white_noise(3), id="white-noise"),
    pytest.param(lambda: pink_noise(3), id="pink-noise"),
    pytest.param(lambda: chord(3), id="chord"),
    pytest.param(lambda: np.zeros(0, np.float32), id="empty"),
    pytest.param(lambda: silence(0.01), id="shorter-than-a-frame"),
])
def test_silence_noise_and_music_hold_no_speech(vad, sound):
    assert vad.segments(sound()) == ()


def test_the_model_is_the_manifest_file_and_loads_on_first_use():
    assert SILERO_VAD.verified().name == "silero_vad_16k_sequence.onnx"
    model = SileroVad(threads=1)
    assert not model._session.loaded  # constructing loads nothing
    model.segments(silence(0.1))
    assert model._session.loaded


def test_frames_carry_the_last_64_samples_of_the_frame_before():
    samples = np.arange(3 * FRAME - 100, dtype=np.float32)
    (block,) = frame_blocks(samples)
    assert block.shape == (3, CONTEXT + FRAME)
    assert not block[0, :CONTEXT].any()  # zeros before the first frame
    assert np.array_equal(block[1, :CONTEXT], samples[FRAME - CONTEXT:FRAME])
    assert not block[2, -100:].any()  # the last frame padded with zeros
    assert len(frame_blocks(np.zeros(BLOCK * FRAME + 1, np.float32))) == 2


def _probs(*runs: tuple[float, int]) -> list[float]:
    return [p for p, count in runs for _ in range(count)]


def test_speech_spans_follow_silero_thresholds_and_padding():
    # 0.5 s of silence, 1 s at 0.9, 0.5 s of silence: one span, padded 30 ms (480 samples).
    probs = _probs((0.1, 16), (0.9, 31), (0.1, 16))
    assert speech_spans(probs, len(probs) * FRAME) == [(16 * FRAME - 480, 47 * FRAME + 480)]
    # Between the thresholds (0.35 .. 0.5) speech neither starts nor ends.
    assert speech_spans(_probs((0.45, 40)), 40 * FRAME) == []
    held = _probs((0.9, 20), (0.4, 20), (0.1, 10))
    assert speech_spans(held, len(held) * FRAME) == [(0, 40 * FRAME + 480)]


def test_short_bursts_are_dropped_and_short_dips_do_not_split():
    burst = _probs((0.1, 10), (0.9, 7), (0.1, 20))  # 224 ms: under the 250 ms minimum
    assert speech_spans(burst, len(burst) * FRAME) == []
    dip = _probs((0.9, 20), (0.1, 3), (0.9, 20), (0.1, 20))  # 96 ms: under 100 ms of silence
    assert len(speech_spans(dip, len(dip) * FRAME)) == 1
    gap = _probs((0.9, 20), (0.1, 10), (0.9, 20), (0.1, 20))
    assert len(speech_spans(gap, len(gap) * FRAME)) == 2


def test_speech_running_to_the_end_ends_with_the_signal():
    probs = _probs((0.1, 5), (0.9, 20))
    assert speech_spans(probs, 25 * FRAME - 100) == [(5 * FRAME - 480, 25 * FRAME - 100)]


def test_two_spans_are_each_padded_by_30_ms():
    probs = _probs((0.9, 20), (0.1, 5), (0.9, 20), (0.1, 20))
    assert speech_spans(probs, len(probs) * FRAME) == [
        (0, 20 * FRAME + 480), (25 * FRAME - 480, 45 * FRAME + 480)]
