"""Copyright: an audio track (a video's soundtrack, an audio file) matching a recording in a
reference bank, by its Chromaprint fingerprint (the shared ``fingerprint`` analysis).

Chromaprint is a system library (Debian ``libchromaprint1``); where it is missing, a track is
not checked against banks that hold sound, and says so (unscreened, the core code UNS010),
rather than passing. A track too short to fingerprint (under about 6 s: fewer than 24 words)
is not matched.
"""

from __future__ import annotations

from collections.abc import Iterable

from vmscreen.analyses.banks import AUDIO_MAX_BER, ChromaprintUnavailable
from vmscreen.codes import BANK_UNAVAILABLE
from vmscreen.detectors.base import DetectorInfo, Subject
from vmscreen.findings import Category, CodeInfo, Finding

NAME = "reference-audio"

AUDIO_MATCH = CodeInfo(
    "BNK102", "reference-bank-audio-match", Category.COPYRIGHT,
    "The sound matches a recording in a reference bank (media known to be refused).",
    "The operator's reference banks hold the Chromaprint fingerprints (never the sound) of "
    "recordings the collection must refuse. At their best alignment, this track's fingerprint "
    f"and a banked one differ in at most {AUDIO_MAX_BER:.0%} of their bits over at least 3 s "
    "of sound: it is that recording, possibly re-encoded, resampled or cut. Unrelated sound "
    "differs in about half its bits. The policy's [[bank]] table says what a match means "
    "(reject unless it says otherwise). Evidence: the bank, the entry's id (the first 16 hex "
    "digits of the banked file's sha256) and label, the bit error rate, the seconds in common "
    "and where in the banked recording they start, the track's index. The score is "
    "1 - bit error rate.",
)

class ReferenceAudioDetector:
    info = DetectorInfo(
        name=NAME,
        version="1.0.0 (Chromaprint, algorithm 2)",
        codes=(AUDIO_MATCH,),
        licence="Apache-2.0",
        scope="track",
        time_budget_s=60.0,
    )

    def detect(self, subject: Subject) -> Iterable[Finding]:
        track = subject.track
        if track is None or not track.engines.banks.configured:
            return []
        index = track.track.index
        banks = track.engines.banks.loaded()
        findings = [BANK_UNAVAILABLE.finding(NAME, 1.0, problem.reason,
                                              evidence={"bank": problem.bank, "track": index})
                    for problem in banks.problems]
        if not banks.fingerprints:
            return findings
        try:
            words = track.fingerprint()
        except ChromaprintUnavailable as exc:
            return [*findings, BANK_UNAVAILABLE.finding(
                NAME, 1.0, f"audio track {index} not checked against the reference banks: {exc}",
                evidence={"track": index})]
        for match in banks.match_audio(words):
            evidence: dict[str, str | int | float] = {
                "bank": match.bank, "entry": match.entry,
                "bit_error_rate": match.bit_error_rate, "overlap_s": match.overlap_s,
                "offset_s": match.offset_s, "track": index}
            if match.label:
                evidence["label"] = match.label
            findings.append(AUDIO_MATCH.finding(
                NAME, round(1.0 - match.bit_error_rate, 3),
                f"audio track {index} matches entry {match.entry} of bank {match.bank} "
                f"({match.bit_error_rate:.0%} of bits differ over {match.overlap_s:.1f} s)",
                evidence=evidence))
        return findings
