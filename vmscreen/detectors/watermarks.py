"""Visible watermarks: a stock or news agency's mark, a marketplace's stamp, a copyright notice,
a site's address, a photographer's credit or a "SAMPLE" / "PREVIEW" / "PROOF" stamp printed
over the picture, read by the shared OCR pass (and by the watermark reading, which looks again
at faint and tiled overlays); and a short mark alone in a corner of the frame, where logos
and credit lines sit.

A mark printed over a photo says the photo was taken from a library, a listing or another
person's page, which the contributor policy excludes. An agency's or a marketplace's name
rejects; the weaker cues (a notice, an address, a credit, a stamp, a corner mark) may be the
contributor's own, and go to a person. Each finding holds its line's box, so a sanitised copy
fills it, and never the text read: its kind, and the agency's name from our own list.

A mark without readable text tiled across the frame (a logo) is found from the pixels
(WMK102, ``FrameAnalyses.overlay_pattern``): the same light or dark strokes repeated at one
exact step while the scene under them changes, which a brick wall, a tiled floor or lockers do
not give. Whose mark it is is unknown, so a person checks; its box is where the copies lie.
A single mark without text (a corner logo) is not looked for: no pixel cue tried told it from
the scene.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from vmscreen.analyses.ocr import Line
from vmscreen.analyses.overlay_pattern import OverlayPattern
from vmscreen.detectors.base import DetectorInfo, Subject
from vmscreen.findings import Box, Category, CodeInfo, Cover, Finding
from vmscreen.rules.id_wording import find_wording
from vmscreen.rules.watermark_text import (
    classify_watermark_text,
    in_corner,
    ordinary_corner_word,
)

NAME = "watermarks"
MIN_LINE_CONFIDENCE = 0.5  # below this a line is more likely misread than meant
MAX_FINDINGS = 20
CORNER_SCORE = 0.6
# A corner mark: one word (a logo's, a handle, a site's name) of a few letters at least, with
# no other text beside it (a scene's sign or a document's print has neighbours). A phrase in a
# corner is a caption: the contributor's own.
CORNER_MIN_LETTERS, CORNER_MAX_CHARS = 4, 40
CORNER_MIN_CONFIDENCE = 0.8

WATERMARK_TEXT = CodeInfo(
    "WMK101", "watermark-text", Category.COPYRIGHT,
    "A visible watermark or an agency's, site's or photographer's mark is printed on the "
    "picture.",
    "Text laid over the picture names a stock or news agency or a marketplace (score 0.92 and "
    "0.85: the picture was taken from a library or a listing), or is a copyright notice, a web "
    "address, a photographer's credit, a 'sample', 'preview', 'proof' or 'demo' stamp (0.7), "
    "or a single word alone in a corner of the frame, where logos and credits sit (0.6). The "
    "contributor policy excludes media the contributor does not own: an agency's mark rejects, "
    "the weaker cues go to a person, since a contributor may sign their own photos. Evidence: "
    "the kind of mark, the agency from vmscreen's list, the line's OCR confidence; never the "
    "text read.",
    cover=Cover.FILL,
)


OVERLAY_PATTERN = CodeInfo(
    "WMK102", "overlay-pattern", Category.COPYRIGHT,
    "A mark without readable text (a logo) is tiled across the picture.",
    "The same light or dark strokes come back at one exact step across the frame while the "
    "scene under them changes: a semi-transparent logo or pattern laid over the photo, as "
    "stock libraries and sites print on their previews (score: how strongly it repeats, 0.6 to "
    "0.9). Whose mark it is cannot be read, so a person checks whether the contributor owns "
    "the picture. Evidence: the number of repeated strokes, the step in pixels, whether the "
    "mark is light or dark. The box spans the copies.",
    cover=Cover.FILL,
)


def _overlap(box: Box, other: Box) -> bool:
    """Whether two boxes share more than half of the smaller one."""
    smaller = min(box.width * box.height, other.width * other.height)
    return box.shared_area(other) > 0.5 * max(smaller, 1)


def _isolated(line: Line, lines: Iterable[Line]) -> bool:
    """No other line of print beside it: a line of similar height, read with some confidence,
    sharing its row within two of its heights. A sign's or a document's words have neighbours;
    a mark's do not. (What a logo's drawing was misread as is no neighbour: it is far taller.)"""
    box, height = line.box, max(line.height, 1.0)
    for other in lines:
        if other is line or other.confidence < MIN_LINE_CONFIDENCE:
            continue
        if not 0.5 <= other.height / height <= 2.0:
            continue
        o = other.box
        shared_rows = min(box.y1, o.y1) - max(box.y0, o.y0)
        gap = max(o.x0 - box.x1, box.x0 - o.x1)
        if shared_rows > 0.5 * min(box.height, o.height) and gap < 2 * height:
            return False
    return True


def _letters(text: str) -> float:
    """Letters in a line, a CJK character counting as two (a word in two or three)."""
    return sum(2 if "\u3040" <= ch <= "\u9fff" else 1 for ch in text if ch.isalpha())


def _corner_mark(line: Line, lines: tuple[Line, ...], width: int, height: int) -> bool:
    text = line.text.strip()
    letters = _letters(text)
    box = line.box
    return (line.confidence >= CORNER_MIN_CONFIDENCE and letters >= CORNER_MIN_LETTERS
            and len(text) <= CORNER_MAX_CHARS and len(text.split()) == 1
            and sum(ch.isalpha() for ch in text) >= 0.6 * len(text.replace(" ", ""))
            and in_corner((box.x0, box.y0, box.x1, box.y1), width, height, margin=0.06,
                          max_share=0.4)
            and not ordinary_corner_word(text) and _isolated(line, lines))


class WatermarkDetector:
    info = DetectorInfo(
        name=NAME,
        version="1.1.0",
        codes=(WATERMARK_TEXT, OVERLAY_PATTERN),
        licence="Apache-2.0",
        time_budget_s=30.0,
    )

    def detect(self, subject: Subject) -> Iterable[Finding]:
        analyses, frame = subject.analyses, subject.frame
        if analyses is None or frame is None:
            return []
        lines = analyses.reading().lines
        known: list[bool] = []

        def on_document() -> bool:
            """An identity document (its wording, or its layout), asked only when it matters:
            its "SAMPLE" and the words in its corners are its own print."""
            if not known:
                known.append(find_wording(line.text for line in lines) is not None
                             or analyses.document() is not None)
            return known[0]

        findings: list[Finding] = []
        boxes: list[Box] = []
        for line in lines:
            found = _text_mark(line, lines, frame.width, frame.height, on_document, corner=True)
            if found is not None:
                findings.append(found)
                boxes.append(line.box)
        # The second look reads what the shared pass missed; a mark both read is one finding.
        for line in analyses.overlay_text().lines:
            if any(_overlap(line.box, box) for box in boxes):
                continue
            found = _text_mark(line, (), frame.width, frame.height, on_document, corner=False)
            if found is not None:
                findings.append(found)
                boxes.append(line.box)
        pattern = analyses.overlay_pattern()
        # An identity document's security print repeats too: it is the document's, not a mark.
        if pattern is not None and not on_document():
            findings.append(_pattern_mark(pattern))
        findings.sort(key=lambda f: -f.score)
        return findings[:MAX_FINDINGS]


def _text_mark(line: Line, lines: tuple[Line, ...], width: int, height: int,
               on_document: Callable[[], bool], *, corner: bool) -> Finding | None:
    if line.confidence < MIN_LINE_CONFIDENCE:
        return None
    verdict = classify_watermark_text(line.text)
    if verdict is not None and verdict.kind == "stamp" \
            and classify_watermark_text(line.text, on_document=True) is None and on_document():
        verdict = None  # a specimen document's own "SAMPLE"
    evidence: dict[str, str | float] = {"line_confidence": round(line.confidence, 3)}
    if verdict is not None:
        evidence["kind"] = verdict.kind
        if verdict.name:
            evidence[verdict.kind] = verdict.name
        score = verdict.score
    elif corner and _corner_mark(line, lines, width, height) and not on_document():
        evidence["kind"] = "corner-mark"
        score = CORNER_SCORE
    else:
        return None
    return WATERMARK_TEXT.finding(NAME, score, f"a visible {evidence['kind']} on the picture",
                                  box=line.box, evidence=evidence)


def _pattern_mark(pattern: OverlayPattern) -> Finding:
    evidence: dict[str, str | float] = {
        "kind": "tiled-mark", "copies": pattern.copies, "step_px": round(pattern.step),
        "tone": "light" if pattern.light else "dark",
    }
    score = round(min(0.9, max(0.6, pattern.peak)), 3)
    return OVERLAY_PATTERN.finding(NAME, score, "a mark tiled across the picture",
                                   box=Box(*pattern.box), evidence=evidence)
