"""Frames of a film or a broadcast, in a photo or a clip: the contributor does not own them.

A frame grabbed from a film or programme (or a phone filming a screen that shows one) carries
its framing and what was burned into it. The cues (``vmscreen.rules.film_cues`` weighs them):

- letterbox or pillarbox: black bars, flat across the whole frame and ending in a sharp step,
  that leave a picture of a cinema ratio (1.85, 2.39...) or 4:3 inside a wide frame;
- subtitles: one or two centred lines low in the picture or on its lower bar, light (white or
  yellow) against dark (an outline, a box, the bar);
- credits: several centred lines on black that name roles ("directed by", "starring") or a
  rights holder;
- a corner logo: in a clip, a mark that stays put in a corner (or a timecode at the top edge)
  while the scenes change (``vmscreen.analyses.marks``). A photo has no such test: a single
  frame's faint corner mark is too like a contributor's own watermark to count here.

One weak cue is not reported (a panorama cropped onto black, a caption on a holiday photo);
two together, credits, or a persistent mark are. The finding boxes the subtitles, the mark or
the credits; its evidence says which cues were seen, never what the text said.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from vmscreen.analyses.ocr import Line
from vmscreen.detectors.base import DetectorInfo, Subject
from vmscreen.findings import Box, Category, CodeInfo, Cover, EvidenceValue, Finding
from vmscreen.media import Frame
from vmscreen.rules.film_cues import (
    REPORT,
    WEIGHTS,
    Rect,
    TextLine,
    combined,
    credits_score,
    letterbox_ratio,
    pillarbox_ratio,
    subtitle_lines,
)

NAME = "film-frames"
COLOUR_SIDE = 1024  # the view a subtitle's colours are measured on
BRIGHT = 170  # grey level of a subtitle's letters
DARK = 70  # grey level of their outline, box or bar
MIN_BRIGHT_SHARE, MIN_DARK_SHARE = 0.04, 0.08  # of the line box's pixels

FILM_FRAME = CodeInfo(
    "FLM101", "film-or-broadcast-frame", Category.COPYRIGHT,
    "The picture looks like a frame of a film or a television programme.",
    "The frame shows what films and broadcasts add to their pictures: black bars leaving a "
    "cinema-shaped picture, burned-in subtitles, credits naming roles on black, or (in a "
    "clip) a channel's or streaming service's mark that stays in a corner while the scenes "
    "change. Media the contributor does not own are excluded. One such cue alone is not "
    "reported; two, or credits, or a persistent mark are, and a person checks (the "
    "contributor may have filmed their own screening). Evidence: the cues seen and their "
    "combined score; the box is the subtitles, the mark or the credits, shown to the reviewer "
    "and not covered in a sanitised copy: without its subtitle the frame is still the film's.",
    cover=Cover.NONE,
)


def _letters(line: Line) -> int:
    return sum(ch.isalpha() for ch in line.text)


def _text_line(line: Line) -> TextLine:
    box = line.box
    return TextLine(Rect(box.x0, box.y0, box.x1, box.y1), _letters(line), line.confidence)


def _subtitle_colours(frame: Frame, box: Rect) -> bool:
    """Light letters (white or yellow) with dark around them (an outline, a box, the bar)."""
    view = frame.array(COLOUR_SIDE)
    factor = view.shape[1] / frame.width
    x0, y0 = max(0, int(box.x0 * factor)), max(0, int(box.y0 * factor))
    x1, y1 = int(np.ceil(box.x1 * factor)), int(np.ceil(box.y1 * factor))
    crop = view[y0:y1, x0:x1].astype(np.int32)
    if crop.size == 0:
        return False
    red, green, blue = crop[..., 0], crop[..., 1], crop[..., 2]
    grey = (299 * red + 587 * green + 114 * blue) // 1000
    spread = crop.max(axis=-1) - crop.min(axis=-1)
    white = (grey >= BRIGHT) & (spread <= 50)
    yellow = (red >= BRIGHT) & (green >= BRIGHT - 20) & (blue <= 0.65 * green)
    light = float((white | yellow).mean())
    dark = float((grey <= DARK).mean())
    return light >= MIN_BRIGHT_SHARE and dark >= MIN_DARK_SHARE


def _background(frame: Frame, boxes: Sequence[Box]) -> float:
    """The mean grey level of the frame outside ``boxes``."""
    grey = frame.grey(512)
    factor = grey.shape[1] / frame.width
    keep = np.ones(grey.shape, dtype=bool)
    for box in boxes:
        keep[int(box.y0 * factor):int(np.ceil(box.y1 * factor)) + 1,
             int(box.x0 * factor):int(np.ceil(box.x1 * factor)) + 1] = False
    return float(grey[keep].mean()) if keep.any() else 255.0


class FilmFrameDetector:
    info = DetectorInfo(
        name=NAME,
        version="1.0.0",
        codes=(FILM_FRAME,),
        licence="Apache-2.0",
        time_budget_s=30.0,
    )

    def detect(self, subject: Subject) -> Iterable[Finding]:
        frame, analyses = subject.frame, subject.analyses
        if frame is None or analyses is None:
            return []
        weights: dict[str, float] = {}
        evidence: dict[str, EvidenceValue] = {}
        boxes: list[Box] = []
        framing = analyses.framing()
        ratio = letterbox_ratio(frame.width, frame.height, framing.top, framing.bottom)
        if ratio is not None:
            weights["letterbox"] = WEIGHTS["letterbox"]
            evidence["picture_ratio"] = ratio
        pillar = pillarbox_ratio(frame.width, frame.height, framing.left, framing.right)
        if pillar is not None:
            weights["pillarbox"] = WEIGHTS["pillarbox"]
            evidence["picture_ratio"] = pillar
        x0, y0, x1, y1 = framing.picture if (ratio or pillar) else (0, 0, frame.width,
                                                                      frame.height)
        lines = analyses.reading().lines
        text_lines = [_text_line(line) for line in lines]
        picture = Rect(x0, y0, x1, y1)
        subtitles = subtitle_lines(text_lines, frame.width, frame.height, picture)
        if not subtitles and framing.bars:
            # The frame's reading skips a region holding a single line of text: a letterboxed
            # frame's subtitle band is read on its own (only then: it costs a second OCR run).
            band = [_text_line(line) for line in analyses.subtitle_band()]
            subtitles = subtitle_lines(band, frame.width, frame.height, picture)
        if subtitles and all(_subtitle_colours(frame, line.box) for line in subtitles):
            weights["subtitles"] = WEIGHTS["subtitles"]
            boxes.append(Box.around(Box(int(s.box.x0), int(s.box.y0), int(np.ceil(s.box.x1)),
                                        int(np.ceil(s.box.y1))) for s in subtitles))
        if len(lines) >= 3:
            line_boxes = [line.box for line in lines]
            credits = credits_score(text_lines, [line.text for line in lines], frame.width,
                                    _background(frame, line_boxes))
            if credits:
                weights["credits"] = credits
                boxes.insert(0, Box.around(line_boxes))  # the block, subtitle-like last line too
        mark = analyses.persistent_mark()
        if mark is not None:
            weights["corner-logo"] = WEIGHTS["corner-logo"]
            evidence["logo_zone"] = mark.zone
            evidence["logo_scenes"] = mark.scenes
            if not boxes:
                boxes.append(Box(*mark.box))
        score = combined(weights)
        if score < REPORT:
            return []
        for cue in WEIGHTS:
            if cue in weights:
                evidence[cue] = True
        evidence["score"] = score
        return [FILM_FRAME.finding(
            NAME, score, f"a film or broadcast frame: {', '.join(sorted(weights))}",
            box=boxes[0] if boxes else None, evidence=evidence)]
