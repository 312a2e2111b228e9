"""Copyright: a picture (a photo, a frame of an animation or of a video) matching an entry of
a reference bank, the PDQ hashes of media an operator knows to refuse (``vmscreen bank add``).

The frame's PDQ hashes under its eight rotations and flips (the shared ``pdq`` analysis) are
matched against every bank the screen was given; a hash within 31 bits of 256 of a banked one
is the same picture, resized, recompressed, mirrored or turned. A frame whose PDQ quality is
below 50 (a flat wall, a black frame) is not matched: its hash rests on too little to identify
anything, and would match every other flat picture. The policy's ``[[bank]]`` tables say what a
match in each bank means; a bank the policy names that is missing or unreadable makes the file
unscreened (the core code UNS010).
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib.metadata import version

from vmscreen.analyses.banks import PDQ_THRESHOLD
from vmscreen.codes import BANK_UNAVAILABLE
from vmscreen.detectors.base import DetectorInfo, Subject
from vmscreen.findings import Category, CodeInfo, Finding

NAME = "reference-banks"

BANK_MATCH = CodeInfo(
    "BNK101", "reference-bank-match", Category.COPYRIGHT,
    "The picture matches an entry of a reference bank (media known to be refused).",
    "The operator keeps reference banks of media the collection must refuse: their own "
    "takedown lists, agency catalogues (vmscreen bank add). A bank holds PDQ perceptual "
    "hashes, never the pictures. This photo, or a frame of this video, has a PDQ hash within "
    f"{PDQ_THRESHOLD} bits of 256 of a banked one under one of its eight rotations and flips: "
    "it is that picture, resized, recompressed, turned or mirrored (PDQ does not survive crops "
    "of more than a few percent). Unrelated photos differ in about 128 bits. The policy's "
    "[[bank]] table for the bank says what a match means (reject unless it says otherwise). "
    "Evidence: the bank, the entry's id (the first 16 hex digits of the sha256 of the file the "
    "operator banked) and label, the distance in bits and which transform matched. The score "
    "is 1 - distance / 64.",
)
def _score(distance: int) -> float:
    return round(max(0.0, 1.0 - distance / 64), 3)


class ReferenceBankDetector:
    info = DetectorInfo(
        name=NAME,
        version=f"1.0.0 (PDQ: pdqhash {version('pdqhash')})",
        codes=(BANK_MATCH,),
        licence="Apache-2.0",
        time_budget_s=30.0,
    )

    def detect(self, subject: Subject) -> Iterable[Finding]:
        analyses = subject.analyses
        if analyses is None or not analyses.engines.banks.configured:
            return []
        banks = analyses.engines.banks.loaded()
        findings = [BANK_UNAVAILABLE.finding(NAME, 1.0, problem.reason,
                                             evidence={"bank": problem.bank})
                    for problem in banks.problems]
        if not banks.hashes:
            return findings
        pdq = analyses.pdq()
        if not pdq.reliable:
            return findings
        for match in banks.match_image(pdq):
            evidence: dict[str, str | int] = {
                "bank": match.bank, "entry": match.entry, "distance": match.distance,
                "transform": match.transform}
            if match.label:
                evidence["label"] = match.label
            findings.append(BANK_MATCH.finding(
                NAME, _score(match.distance),
                f"matches entry {match.entry} of bank {match.bank} ({match.distance} bits of "
                f"256 apart, {match.transform})", evidence=evidence))
        return findings
