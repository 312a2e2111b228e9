"""Words on one line joined into a line, left to right along their baseline.

Engines split a line where spacing is wide (a card number printed in four groups, an MRZ line
read in two pieces); checks for numbers and zones run on whole lines, and keep which words each
line was built from so a finding can point at its box.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from vmscreen.analyses.ocr.base import Word
from vmscreen.findings import Box


@dataclass(frozen=True)
class Line:
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)

    @property
    def confidence(self) -> float:
        return min(word.confidence for word in self.words)

    @property
    def box(self) -> Box:
        return Box.around(word.box for word in self.words)

    @property
    def height(self) -> float:
        return sum(word.height for word in self.words) / len(self.words)

    @property
    def angle(self) -> float:
        return sum(word.angle for word in self.words) / len(self.words)


def _along(word: Word, angle: float) -> tuple[float, float]:
    """The word's centre in coordinates turned to the line: (along the baseline, across it)."""
    x, y = word.centre
    theta = math.radians(angle)
    return x * math.cos(theta) - y * math.sin(theta), x * math.sin(theta) + y * math.cos(theta)


def group_lines(words: list[Word] | tuple[Word, ...]) -> list[Line]:
    """Lines top to bottom. Two words share a line when their heights agree, their centres sit
    within half a height across the baseline, and the gap between them is under three heights."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.centre[1], w.centre[0])):
        placed = False
        for line in lines:
            anchor = line[0]
            if not 0.6 <= word.height / max(anchor.height, 1e-6) <= 1.6:
                continue
            angle = anchor.angle
            along_w, across_w = _along(word, angle)
            across_ok = all(abs(_along(other, angle)[1] - across_w) < 0.5 * anchor.height
                            for other in line)
            near = min(abs(_along(other, angle)[0] - along_w) for other in line)
            widths = max(other.box.width for other in line) + word.box.width
            if across_ok and near < widths / 2 + 3 * anchor.height:
                line.append(word)
                placed = True
                break
        if not placed:
            lines.append([word])
    out = []
    for line in lines:
        angle = line[0].angle
        out.append(Line(tuple(sorted(line, key=lambda w: _along(w, angle)[0]))))
    return sorted(out, key=lambda line: (line.box.y0, line.box.x0))


def lines_of_text(text: str) -> tuple[Line, ...]:
    """Text decoded from elsewhere (a barcode's payload) laid out as lines, one per line of the
    text and one word per run of non-spaces, so the rules that read OCR lines read it too. The
    words sit on a notional grid: their boxes say nothing about the picture."""
    lines = []
    for row, line in enumerate(part for part in text.splitlines() if part.split()):
        words = tuple(Word(word, ((float(col), row * 2.0), (col + 1.0, row * 2.0),
                                  (col + 1.0, row * 2.0 + 1), (float(col), row * 2.0 + 1)), 1.0)
                      for col, word in enumerate(line.split()))
        lines.append(Line(words))
    return tuple(lines)
