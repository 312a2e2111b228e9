"""Offensive wording in an image's text: the lines of the shared OCR pass against the word list
of the better-profanity package (its leetspeak variants included), sent to review.

A word list flags words, not intent: a slur quoted in a news photo or a crude joke on a T-shirt
reads the same to it. So it never rejects on its own; a person decides. The finding holds the
line's box (a redaction fills it) and never the text.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from importlib.metadata import version
from typing import Any

from vmscreen.detectors.base import DetectorInfo, ScreenContext
from vmscreen.findings import Category, CodeInfo, Finding
from vmscreen.media import Media
from vmscreen.ocr import shared_reading

NAME = "offensive-text"
MIN_LINE_CONFIDENCE = 0.6  # below this a line is more likely misread than meant
MAX_FINDINGS = 20

OFFENSIVE_TEXT = CodeInfo(
    "OFF101", "offensive-text", Category.SEXUAL_CONTENT,
    "Text in the image uses offensive or hateful wording.",
    "A line read from the image holds a word of the better-profanity word list (sexual, "
    "obscene and hateful terms, with their common letter-for-symbol spellings). The contributor "
    "policy excludes offensive content, but a word list cannot tell a slur from a quotation or "
    "a crude joke, so the default policy sends it to review. Evidence: the line's OCR "
    "confidence; the text itself is never stored.",
)


class OffensiveTextDetector:
    info = DetectorInfo(
        name=NAME,
        version=f"1.0.0 (better-profanity {version('better-profanity')})",
        codes=(OFFENSIVE_TEXT,),
        licence="Apache-2.0",
        cost=105,  # after sensitive-id: it reads the OCR pass sensitive-id has run
        time_budget_s=30.0,
    )

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._words: Any = None

    def _word_list(self) -> Any:
        with self._lock:
            if self._words is None:
                from better_profanity import Profanity

                self._words = Profanity()  # the package's own list, loaded once
            return self._words

    def detect(self, media: Media, context: ScreenContext) -> Iterable[Finding]:
        lines = [line for line in shared_reading(media, context.ocr).lines
                 if line.confidence >= MIN_LINE_CONFIDENCE]
        if not lines:
            return []
        words = self._word_list()
        return [OFFENSIVE_TEXT.finding(NAME, 0.8, "offensive wording in a line of text",
                                       box=line.box,
                                       evidence={"line_confidence": round(line.confidence, 3)})
                for line in lines if words.contains_profanity(line.text)][:MAX_FINDINGS]
