"""The spoken-digit reader: numbers read out are found with their length, checks and last four
digits; ordinary speech, silence and noise give none; the number itself goes nowhere."""

from __future__ import annotations

import pytest

from tests.speech import (
    CARD,
    CARD_SENTENCE,
    ORDINARY,
    SSN,
    SSN_SENTENCE,
    read_out,
    speech,
    speech_engines,
    white_noise,
)
from vmscreen.analyses.speech import DigitReader, SpeechSegment
from vmscreen.analyses.speech.digits import MAX_UTTERANCE_S, utterances
from vmscreen.models import models_used


def _runs(samples):
    engines = speech_engines()
    return engines.digits.runs(samples, engines.speech.segments(samples))


def test_a_card_number_read_out_in_a_sentence_is_found():
    said = speech(CARD_SENTENCE.format(read_out(CARD, (4, 4, 4, 4))))
    with models_used() as ran:
        (run,) = _runs(said)
    assert (run.kind, run.digits, run.luhn_valid, run.last_four) == ("card", 16, True, "0366")
    assert 0.5 < run.start < run.end <= len(said) / 16000
    assert {model.name for model in ran} >= {"pocketsphinx_en-us_acoustic",
                                              "pocketsphinx_en-us_lm"}


def test_an_ssn_read_out_in_a_sentence_is_found():
    (run,) = _runs(speech(SSN_SENTENCE.format(read_out(SSN, (3, 2, 4)))))
    assert (run.kind, run.digits, run.last_four, run.ssn_valid) == ("ssn", 9, "4870", True)
    assert run.luhn_valid is None


@pytest.mark.parametrize("text", [
    ORDINARY,
    "I have two cats and four dogs, and we moved here in the spring after my sister married.",
    "We left at seven, stopped for coffee at eight, and arrived a little after nine.",
])
def test_ordinary_speech_is_no_number(text):
    assert _runs(speech(text)) == ()


def test_nothing_is_decoded_without_speech():
    reader = DigitReader()
    assert reader.runs(white_noise(2), ()) == ()
    assert reader._digits._decoder is None and reader._words._decoder is None


def test_a_run_never_holds_the_number():
    (run,) = _runs(speech(CARD_SENTENCE.format(read_out(CARD, (4, 4, 4, 4)))))
    assert CARD[:12] not in repr(run) and CARD[:12] not in str(vars(run))


def test_speech_close_together_is_decoded_together_in_bounded_pieces():
    segments = (SpeechSegment(0.0, 1.0, 0.9), SpeechSegment(1.5, 2.0, 0.9),
                SpeechSegment(5.0, 6.0, 0.9))
    assert list(utterances(segments, 16000 * 10)) == [(0, 32000), (80000, 96000)]
    long = (SpeechSegment(0.0, 70.0, 0.9),)
    pieces = list(utterances(long, 16000 * 70))
    assert len(pieces) == 3 and all(b - a <= MAX_UTTERANCE_S * 16000 for a, b in pieces)
