"""Sensitive ids said aloud: payment card numbers and US social security numbers read out digit
by digit in an audio track, from the track's shared digit-run analysis (PocketSphinx, offline).

Findings hold the number's length, its checks and its last four digits, never the number.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from vmscreen.analyses import DigitRun
from vmscreen.detectors.base import DetectorInfo, Subject
from vmscreen.findings import Category, CodeInfo, Finding

NAME = "spoken-numbers"

SPOKEN_CARD = CodeInfo(
    "SPK101", "spoken-card-number", Category.SENSITIVE_ID,
    "A payment card number is read out in an audio track.",
    "Speech recognition (PocketSphinx with its US English models, offline) hears 13 to 19 "
    "digits said one after another: a payment card number's length. A digit grammar reads the "
    "digits and the open-vocabulary recogniser must hear the same stretch as digits too, so "
    "that ordinary speech is not taken for a number. A card number said aloud can be used for "
    "fraud as well as a printed one, and is excluded by the contributor policy. Speech "
    "recognition misses and mishears digits, so the default policy sends the file to review, "
    "where a person listens; a Luhn-valid number (score 0.9) is more likely a real card than "
    "one that fails the check (0.6), which may be a misheard card or another number. Evidence: "
    "how many digits, whether they pass the Luhn check, the last four digits and the track's "
    "index; the finding's time and until are when the number starts and ends, in seconds.",
)
SPOKEN_SSN = CodeInfo(
    "SPK102", "spoken-ssn", Category.SENSITIVE_ID,
    "A US social security number is read out in an audio track.",
    "Speech recognition (PocketSphinx with its US English models, offline) hears nine digits "
    "said one after another, the length of a US social security number (often said in its "
    "3-2-4 grouping). A digit grammar reads the digits and the open-vocabulary recogniser must "
    "hear the same stretch as digits too, so that ordinary speech is not taken for a number. "
    "An SSN identifies its holder and is excluded by the contributor policy. Speech "
    "recognition misses and mishears digits, and other nine-digit numbers exist, so the "
    "default policy sends the file to review, where a person listens. Scored 0.8 when the "
    "digits could be an SSN as issued (area not 000, 666 or 900-999, group not 00, serial not "
    "0000), else 0.5. Evidence: whether the form is valid, the last four digits and the "
    "track's index; the finding's time and until are when the number starts and ends.",
)


def _finding(run: DigitRun, track: int) -> Finding:
    if run.kind == "card":
        checked = "Luhn-valid" if run.luhn_valid else "failing the Luhn check"
        finding = SPOKEN_CARD.finding(
            NAME, 0.9 if run.luhn_valid else 0.6,
            f"a card number read out on audio track {track}: {run.digits} digits, {checked}, "
            f"ending {run.last_four}",
            evidence={"digits": run.digits, "luhn_valid": bool(run.luhn_valid),
                      "last4": run.last_four, "track": track})
    else:
        form = "valid-form" if run.ssn_valid else "invalid-form"
        finding = SPOKEN_SSN.finding(
            NAME, 0.8 if run.ssn_valid else 0.5,
            f"a {form} social security number read out on audio track {track}, ending "
            f"{run.last_four}",
            evidence={"digits": run.digits, "ssn_valid": bool(run.ssn_valid),
                      "last4": run.last_four, "track": track})
    return replace(finding, time=run.start, until=run.end)


class SpokenNumberDetector:
    info = DetectorInfo(
        name=NAME,
        version="1.0.0",
        codes=(SPOKEN_CARD, SPOKEN_SSN),
        licence="Apache-2.0",
        scope="track",
        time_budget_s=300.0,
    )

    def detect(self, subject: Subject) -> Iterable[Finding]:
        track = subject.track
        if track is None:
            return []
        return [_finding(run, track.track.index) for run in track.digit_runs()]
