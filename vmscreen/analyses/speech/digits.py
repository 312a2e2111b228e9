"""Spoken digit runs: numbers read out digit by digit, heard by PocketSphinx (BSD-2) with the
US English models that ship in its wheel, inside the speech the VAD found.

Neither of PocketSphinx's two ways of listening tells a read-out number from ordinary speech
alone, so both are used:

1. A grammar of digit words ("zero", "oh", "one" to "nine", "double", "triple") with a filler
   route of single phones, each made very unlikely (``FILLER_WEIGHT``). It reads digits far
   better than the open-vocabulary recogniser ("five" stays five, not "fight"), but ordinary
   speech forced through it comes out as strings of digits too. Its runs of nine digits or
   more say where to listen again.
2. There, the open-vocabulary recogniser (the 133,000-word dictionary and the English
   language model) hears ordinary speech as the words it is, and a number as digit words or
   their homophones ("to", "for", "won"). A number is a stretch of those
   (``rules.spoken_numbers.number_regions``); its digits are read from that transcript, or,
   where it gives no number of a card's or an SSN's length, from the grammar's reading of the
   same stretch if at least ``CONFIRM_SHARE`` of those digits were heard as digit words.

Measured on synthetic speech (four flite voices; 20 card numbers and 20 SSNs, alone or inside
a sentence; 52 ordinary sentences and 4 phone numbers): 37 of the 40 numbers found as card- or
SSN-like, 31 with the right length and last four digits; no ordinary sentence reported; one
phone number heard as nine digits. The grammar
costs about 0.03 s per second of speech, the second pass about 0.09 s per second of ordinary
speech (it runs on the stretches the grammar made into long runs). Letting a single filler
inside a run not end it found all 40 numbers, but sent twice as much speech to the second pass.
Only speech is decoded (silence costs nothing). Each decoder is created on first use
and kept; PocketSphinx decoders are not thread-safe, so each is used under its own lock. The
lattice best-path pass is off: on the filler loop it can run for minutes, and the first pass's
hypothesis is where the word times come from anyway.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from vmscreen.analyses.cancel import checkpoint
from vmscreen.analyses.speech.vad import SpeechSegment
from vmscreen.media.audio import SPEECH_RATE
from vmscreen.models import (
    POCKETSPHINX_ACOUSTIC,
    POCKETSPHINX_DICT,
    POCKETSPHINX_LM,
    ModelFile,
    note_use,
)
from vmscreen.rules.spoken_numbers import (
    DIGIT_WORDS,
    REPEATS,
    NumberKind,
    NumberRun,
    SpokenWord,
    candidate_spans,
    card_luhn,
    digit_runs,
    heard_digits,
    number_kind,
    number_regions,
    ssn_structure,
)

# The digit words' pronunciations, as cmudict-en-us.dict gives them.
PRONUNCIATIONS = {
    "zero": ("Z IH R OW", "Z IY R OW"), "oh": ("OW",), "one": ("W AH N",), "two": ("T UW",),
    "three": ("TH R IY",), "four": ("F AO R",), "five": ("F AY V",), "six": ("S IH K S",),
    "seven": ("S EH V AH N",), "eight": ("EY T",), "nine": ("N AY N",),
    "double": ("D AH B AH L",), "triple": ("T R IH P AH L",),
}
# The acoustic model's phones, each a filler "word" of the grammar (named ph_<phone>).
PHONES = ("AA", "AE", "AH", "AO", "AW", "AY", "B", "CH", "D", "DH", "EH", "ER", "EY", "F", "G",
          "HH", "IH", "IY", "JH", "K", "L", "M", "N", "NG", "OW", "OY", "P", "R", "S", "SH", "T",
          "TH", "UH", "UW", "V", "W", "Y", "Z", "ZH")
FILLER = "ph_"
# The grammar weight of a filler phone against a digit word's 1. Low, so that a digit said
# aloud is read as a digit even where the acoustic model fits it poorly; ordinary speech is
# told apart by the second pass. Measured from 1e-16 to 1e-30 on the synthetic set: lower
# weights read more numbers whole down to about 1e-23; by 1e-30 the filler is never chosen,
# and a number said inside a sentence runs into the words around it.
FILLER_WEIGHT = "1e-23"
# Where the grammar's reading is used, the share of its digits the open-vocabulary pass must
# have heard as digit words: 0.56 or more for numbers read by synthetic voices, 0.22 at most
# where ordinary speech made a run.
CONFIRM_SHARE = 0.4
REGION_MARGIN_S = 0.15  # grammar words this close outside a number's stretch belong to it

MAX_GAP_S = 1.5  # speech segments this close are decoded together (a number read in groups)
MAX_UTTERANCE_S = 30.0  # longer speech is decoded in pieces of this length


@dataclass(frozen=True)
class DigitRun:
    """A run of spoken digits long enough to be a card number (13 to 19 digits) or an SSN
    (9), confirmed by both passes. It never holds the number: its length, the checks, the
    grouping the speaker's pauses gave it, and the last four digits at most."""

    start: float
    end: float
    digits: int
    kind: NumberKind
    luhn_valid: bool | None  # card lengths only
    last_four: str
    groups: tuple[int, ...] = ()
    ssn_valid: bool | None = None  # nine digits only: area, group and serial as issued

    @classmethod
    def of(cls, run: NumberRun, kind: NumberKind) -> DigitRun:
        return cls(run.start, run.end, len(run.digits), kind, card_luhn(run.digits),
                   run.last_four, run.groups, ssn_structure(run.digits))


class DigitModel(Protocol):
    """Finds numbers read out digit by digit in the speech segments of a 16 kHz signal."""

    def runs(self, samples: np.ndarray,
             segments: Sequence[SpeechSegment]) -> tuple[DigitRun, ...]: ...


def _grammar() -> str:
    digits = " | ".join(word for word in PRONUNCIATIONS if word not in REPEATS)
    fillers = " | ".join(FILLER + phone.lower() for phone in PHONES)
    return ("#JSGF V1.0;\ngrammar digits;\npublic <speech> = <item>* ;\n"
            f"<item> = /1/ ({digits} | double | triple) | /{FILLER_WEIGHT}/ ({fillers}) ;\n")


def _pcm(samples: np.ndarray) -> bytes:
    return (np.clip(samples, -1.0, 1.0) * 32767).astype("<i2").tobytes()


def utterances(segments: Sequence[SpeechSegment], length: int) -> Iterator[tuple[int, int]]:
    """Sample ranges to decode: speech segments closer than ``MAX_GAP_S`` together, cut into
    pieces of at most ``MAX_UTTERANCE_S``."""
    limit = int(MAX_UTTERANCE_S * SPEECH_RATE)
    merged: list[list[int]] = []
    for segment in sorted(segments, key=lambda s: s.start):
        start = max(0, int(segment.start * SPEECH_RATE))
        end = min(length, int(np.ceil(segment.end * SPEECH_RATE)))
        if end <= start:
            continue
        if merged and start - merged[-1][1] <= MAX_GAP_S * SPEECH_RATE \
                and end - merged[-1][0] <= limit:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    for start, end in merged:
        for piece in range(start, end, limit):
            yield piece, min(end, piece + limit)


class _Decoder:
    """One PocketSphinx decoder, created on first use and used under a lock."""

    def __init__(self, models: tuple[ModelFile, ...], create: Any) -> None:
        self.models = models
        self._create = create
        self._lock = threading.Lock()
        self._decoder: Any = None

    def words(self, samples: np.ndarray, offset: float) -> list[SpokenWord]:
        """The words heard in ``samples`` (one utterance), timed from ``offset`` seconds."""
        checkpoint()  # between utterances: a run abandoned for its budget stops here
        with self._lock:
            if self._decoder is None:
                for model in self.models:
                    model.verified()
                self._decoder = self._create()
            decoder = self._decoder
            note_use(*(model.ref for model in self.models))
            decoder.start_utt()
            decoder.process_raw(_pcm(samples), no_search=False, full_utt=True)
            decoder.end_utt()
            return [SpokenWord(seg.word.split("(")[0], offset + seg.start_frame / 100,
                               offset + (seg.end_frame + 1) / 100)
                    for seg in decoder.seg()
                    if not seg.word.startswith(("<", "[", "(NULL)"))]


def _digits_decoder() -> Any:
    from pocketsphinx import Decoder, get_model_path

    decoder = Decoder(hmm=get_model_path("en-us/en-us"), dict=None, lm=None,
                      loglevel="FATAL", bestpath=False)
    words = [(word, phones) for word, variants in PRONUNCIATIONS.items()
             for phones in variants]
    words += [(FILLER + phone.lower(), phone) for phone in PHONES]
    seen: dict[str, int] = {}
    for index, (word, phones) in enumerate(words):
        seen[word] = seen.get(word, 0) + 1
        name = word if seen[word] == 1 else f"{word}({seen[word]})"
        decoder.add_word(name, phones, update=index == len(words) - 1)
    decoder.add_jsgf_string("digits", _grammar())
    decoder.activate_search("digits")
    return decoder


def _words_decoder() -> Any:
    from pocketsphinx import Decoder, get_model_path

    # At most 3,000 active HMMs a frame (PocketSphinx's default: 30,000): the same numbers
    # found on the synthetic set, in about two thirds of the time.
    return Decoder(hmm=get_model_path("en-us/en-us"),
                   dict=get_model_path("en-us/cmudict-en-us.dict"),
                   lm=get_model_path("en-us/en-us.lm.bin"), loglevel="FATAL", bestpath=False,
                   maxhmmpf=3000)


class DigitReader:
    """PocketSphinx's two passes (see the module's docstring). Thread-safe: each decoder is
    used under its own lock, so two tracks wait for each other rather than share one."""

    name = "pocketsphinx-digits"

    def __init__(self) -> None:
        self._digits = _Decoder((POCKETSPHINX_ACOUSTIC,), _digits_decoder)
        self._words = _Decoder((POCKETSPHINX_ACOUSTIC, POCKETSPHINX_DICT, POCKETSPHINX_LM),
                               _words_decoder)

    def digit_words(self, samples: np.ndarray,
                    segments: Sequence[SpeechSegment]) -> list[SpokenWord]:
        """The first pass: digit words and fillers (named ph_...) heard in the speech."""
        heard: list[SpokenWord] = []
        for start, end in utterances(segments, len(samples)):
            heard += self._digits.words(samples[start:end], start / SPEECH_RATE)
        return heard

    def words(self, samples: np.ndarray, start: float, end: float) -> list[SpokenWord]:
        """The second pass: the open-vocabulary transcript between two times."""
        heard: list[SpokenWord] = []
        first, last = int(start * SPEECH_RATE), min(len(samples), int(end * SPEECH_RATE))
        for piece in range(first, last, int(MAX_UTTERANCE_S * SPEECH_RATE)):
            stop = min(last, piece + int(MAX_UTTERANCE_S * SPEECH_RATE))
            heard += self._words.words(samples[piece:stop], piece / SPEECH_RATE)
        return heard

    def runs(self, samples: np.ndarray,
             segments: Sequence[SpeechSegment]) -> tuple[DigitRun, ...]:
        first = self.digit_words(samples, segments)
        found: list[DigitRun] = []
        for start, end in candidate_spans(first):
            for region in number_regions(self.words(samples, start, end)):
                found += [DigitRun.of(run, kind) for run, kind in _read(region, first)]
        return tuple(found)


def _read(region: list[SpokenWord],
          first: list[SpokenWord]) -> list[tuple[NumberRun, NumberKind]]:
    """The card- or SSN-like numbers of one region: as the open-vocabulary pass heard them, or
    else as the grammar read the same stretch, if enough of it was heard as digit words."""
    heard = [(run, number_kind(run.digits)) for run in digit_runs(heard_digits(region))]
    found = [(run, kind) for run, kind in heard if kind is not None]
    if found:
        return found
    low, high = region[0].start - REGION_MARGIN_S, region[-1].end + REGION_MARGIN_S
    proper = sum(word.text in DIGIT_WORDS for word in region)
    inside = [word for word in first if low <= (word.start + word.end) / 2 <= high]
    read = [(run, number_kind(run.digits)) for run in digit_runs(inside)]
    return [(run, kind) for run, kind in read
            if kind is not None and proper >= CONFIRM_SHARE * len(run.digits)]
