"""Offensive wording in an image's text: the words of the shared OCR pass against the word list
of the profanityfilter package (BSD; obscene, sexual and hateful terms in several languages,
with common digit-for-letter spellings), sent to review.

A word list flags words, not intent: a slur quoted in a news photo, a crude joke on a T-shirt
and an insult read the same to it. So it never rejects on its own; a person decides. Whole
words only ("assessment" is not flagged). On an identity document (its wording found) the
field label "Sex" and ICAO's code for an unspecified nationality ("XXX") are what they say, and
machine-readable lines are not words at all. On a form the label "Sex" is a label too: a line
that is just the label (with ':', '*' or its answer: M, F, Female...), or just the label in a
frame whose other lines are field labels (Date of birth, Name, Email...). "Sex shop" or a
sentence using the word is still flagged. The finding holds the line's box (a redaction
fills it) and never the text.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from importlib import resources
from importlib.metadata import version

from vmscreen.detectors.base import DetectorInfo, Subject
from vmscreen.findings import Category, CodeInfo, Finding
from vmscreen.rules.id_wording import find_wording
from vmscreen.rules.offensive_words import (
    DOCUMENT_WORDS,
    form_labels,
    offensive,
    sex_label,
    word_set,
)

NAME = "offensive-text"
MIN_LINE_CONFIDENCE = 0.6  # below this a line is more likely misread than meant
MAX_FINDINGS = 20

OFFENSIVE_TEXT = CodeInfo(
    "OFF101", "offensive-text", Category.SEXUAL_CONTENT,
    "Text in the image uses offensive or hateful wording.",
    "A line read from the image holds a word of the profanityfilter package's list (obscene, "
    "sexual and hateful terms, with digit-for-letter spellings). The contributor policy "
    "excludes offensive content, but a word list cannot tell a slur from a quotation, a joke "
    "or a word some communities reclaim, so the default policy sends it to review. Evidence: "
    "the line's OCR confidence; the text itself is never stored.",
)


class OffensiveTextDetector:
    info = DetectorInfo(
        name=NAME,
        version=f"1.2.0 (profanityfilter {version('profanityfilter')} word list)",
        codes=(OFFENSIVE_TEXT,),
        licence="Apache-2.0",
        time_budget_s=30.0,
    )

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._words: frozenset[str] | None = None

    def words(self) -> frozenset[str]:
        """profanityfilter's list (data/badwords.txt), read on first use and kept."""
        with self._lock:
            if self._words is None:
                data = resources.files("profanityfilter").joinpath("data/badwords.txt")
                self._words = word_set(data.read_text("utf-8").splitlines())
            return self._words

    def detect(self, subject: Subject) -> Iterable[Finding]:
        reading = subject.analyses.reading().lines
        texts = [line.text for line in reading]
        on_document = find_wording(texts) is not None
        ignored = DOCUMENT_WORDS if on_document else frozenset()
        on_form = form_labels(texts)
        words = self.words()
        lines = [line for line in reading
                 if line.confidence >= MIN_LINE_CONFIDENCE and "<<" not in line.text
                 and offensive(line.text, words, ignored) and not sex_label(line.text, on_form)]
        return [OFFENSIVE_TEXT.finding(NAME, 0.8, "offensive wording in a line of text",
                                       box=line.box,
                                       evidence={"line_confidence": round(line.confidence, 3)})
                for line in lines[:MAX_FINDINGS]]
