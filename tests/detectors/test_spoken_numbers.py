"""The spoken-numbers detector: a card number or an SSN read out is found with its length,
checks and last four digits, and no other digit of it reaches the finding; ordinary speech
holds none."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import numpy as np
import pytest

from tests.speech import (
    CARD,
    CARD_SENTENCE,
    ORDINARY,
    SSN,
    SSN_SENTENCE,
    read_out,
    silence,
    speech,
    speech_engines,
    track_subject,
)
from vmscreen.analyses.speech import DigitRun, SpeechSegment
from vmscreen.detectors.spoken_numbers import SPOKEN_CARD, SPOKEN_SSN, SpokenNumberDetector
from vmscreen.findings import Category, Finding


def _leaks(finding: Finding, number: str) -> list[str]:
    """Every stretch of five or more of the number's digits found in the finding's JSON."""
    text = json.dumps(finding.to_dict())
    return [number[i:i + 5] for i in range(len(number) - 4) if number[i:i + 5] in text]


def test_a_card_number_read_out_is_spk101_with_its_last_four_only():
    samples = speech(CARD_SENTENCE.format(read_out(CARD, (4, 4, 4, 4))))
    (finding,) = SpokenNumberDetector().detect(track_subject(samples, index=1))
    assert (finding.code, finding.name, finding.category) == ("SPK101", "spoken-card-number",
                                                              Category.SENSITIVE_ID)
    assert finding.evidence_dict == {"digits": 16, "luhn_valid": True, "last4": "0366",
                                     "track": 1}
    assert finding.score == pytest.approx(0.9)
    assert 0.5 < finding.time < finding.until <= len(samples) / 16000
    assert _leaks(finding, CARD) == []
    assert re.findall(r"\d{5,}", json.dumps(finding.to_dict())) == []
    assert Finding.from_dict(finding.to_dict()) == finding


def test_an_ssn_read_out_is_spk102():
    samples = speech(SSN_SENTENCE.format(read_out(SSN, (3, 2, 4))))
    (finding,) = SpokenNumberDetector().detect(track_subject(samples))
    assert (finding.code, finding.name) == ("SPK102", "spoken-ssn")
    assert finding.evidence_dict == {"digits": 9, "ssn_valid": True, "last4": "4870",
                                     "track": 0}
    assert _leaks(finding, SSN) == []


def test_ordinary_speech_and_silence_give_no_number():
    assert list(SpokenNumberDetector().detect(track_subject(speech(ORDINARY)))) == []
    assert list(SpokenNumberDetector().detect(track_subject(silence(2)))) == []


class Runs:
    """A digit model answering set runs."""

    def __init__(self, *runs: DigitRun) -> None:
        self.runs_ = runs

    def runs(self, samples: np.ndarray, segments: tuple[SpeechSegment, ...]) -> tuple:
        return self.runs_


class Speech:
    def segments(self, samples: np.ndarray) -> tuple[SpeechSegment, ...]:
        return (SpeechSegment(0.0, 2.0, 0.9),)


def test_failing_checks_lower_the_score_but_still_report():
    runs = Runs(DigitRun(1.0, 5.0, 16, "card", False, "1234"),
                DigitRun(6.0, 8.0, 9, "ssn", None, "0000", (3, 2, 4), False))
    engines = replace(speech_engines(), speech=Speech(), digits=runs)
    card, ssn = SpokenNumberDetector().detect(track_subject(silence(1), engines))
    assert (card.code, card.score, card.evidence_dict["luhn_valid"]) == ("SPK101", 0.6, False)
    assert (ssn.code, ssn.score, ssn.evidence_dict["ssn_valid"]) == ("SPK102", 0.5, False)
    assert (card.time, card.until, ssn.time, ssn.until) == (1.0, 5.0, 6.0, 8.0)


def test_the_explanations_send_spoken_numbers_to_review():
    info = SpokenNumberDetector.info
    assert (info.name, info.scope) == ("spoken-numbers", "track")
    assert [code.code for code in info.codes] == ["SPK101", "SPK102"]
    for code in (SPOKEN_CARD, SPOKEN_SSN):
        assert code.category is Category.SENSITIVE_ID
        assert "review" in code.explanation and "listens" in code.explanation
