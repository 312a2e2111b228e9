"""The voices detector: a track holding speech is one VOI101 finding with when the speech starts
and ends; silence, noise and music are not voices."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from tests.speech import (
    ORDINARY,
    chord,
    pink_noise,
    silence,
    speech,
    speech_engines,
    track_subject,
    white_noise,
    with_silence,
)
from vmscreen.analyses.speech import SpeechSegment
from vmscreen.detectors.voices import IDENTIFIABLE_VOICE, VoiceDetector
from vmscreen.findings import Category, Finding


class Segments:
    """A speech model answering set segments."""

    def __init__(self, *segments: SpeechSegment) -> None:
        self.segments_ = segments

    def segments(self, samples: np.ndarray) -> tuple[SpeechSegment, ...]:
        return self.segments_


def test_a_spoken_sentence_is_an_identifiable_voice():
    samples = with_silence(speech(ORDINARY), before=1.5, after=0.5)
    (finding,) = VoiceDetector().detect(track_subject(samples, index=2))
    assert (finding.code, finding.name, finding.category) == ("VOI101", "identifiable-voice",
                                                              Category.OTHER_PEOPLE)
    evidence = finding.evidence_dict
    assert evidence["track"] == 2 and evidence["segments"] >= 1
    assert 3.0 < evidence["speech_s"] <= len(samples) / 16000
    assert 1.3 < finding.time < 2.0 and finding.until <= len(samples) / 16000
    assert finding.score > 0.8
    assert "audio track 2" in finding.message
    assert Finding.from_dict(finding.to_dict()) == finding


@pytest.mark.parametrize("sound", [
    pytest.param(lambda: silence(3), id="silence"),
    pytest.param(lambda: white_noise(3), id="white-noise"),
    pytest.param(lambda: pink_noise(3), id="pink-noise"),
    pytest.param(lambda: chord(3), id="music-like-chord"),
])
def test_silence_noise_and_music_are_no_voice(sound):
    assert list(VoiceDetector().detect(track_subject(sound()))) == []


def test_less_than_half_a_second_of_speech_is_not_reported():
    short = replace(speech_engines(), speech=Segments(SpeechSegment(1.0, 1.2, 0.9),
                                                      SpeechSegment(2.0, 2.25, 0.9)))
    assert list(VoiceDetector().detect(track_subject(silence(3), short))) == []
    enough = replace(speech_engines(), speech=Segments(SpeechSegment(1.0, 1.3, 0.6),
                                                       SpeechSegment(2.0, 2.3, 1.0)))
    (finding,) = VoiceDetector().detect(track_subject(silence(3), enough))
    assert finding.score == pytest.approx(0.8)  # the probability, weighted by duration
    assert (finding.time, finding.until) == (1.0, 2.3)
    assert finding.evidence_dict["speech_s"] == 0.6


def test_the_explanation_reasons_the_default_policy_s_review():
    assert VoiceDetector.info.scope == "track" and VoiceDetector.info.name == "voices"
    text = IDENTIFIABLE_VOICE.explanation
    assert "review" in text and "by other means" in text and "own" in text
