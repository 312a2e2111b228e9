"""The same finding on consecutive sampled frames of a video, reported once with its time span.

Two findings on neighbouring samples (or with one sample between them where it was missed: a
detector can lose a face for one frame) are the same when they have the same code from the same
detector, the same text evidence (a card's last four digits, a hash, a kind: numbers such as a
face's size may differ from frame to frame) and, where they have boxes, boxes that overlap
(something that moved further between two samples starts a span of its own). The span keeps
the highest-scoring sighting's evidence and frame, the box around all its sightings (so a copy
covers a card wherever it was held during the span), ``time`` the first sighting and ``until``
the last.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from vmscreen.findings import Box, Finding

# A span stays open across this many samples on which it was not seen.
_BRIDGE = 1


@dataclass(eq=False)  # spans are told apart by identity
class _Span:
    best: Finding
    first: float | None
    last: float | None
    position: int  # the sample it was last seen on
    box: Box | None = None  # around every sighting
    last_box: Box | None = None  # the latest sighting's


def _text_evidence(finding: Finding) -> tuple:
    return tuple((k, v) for k, v in finding.evidence if isinstance(v, str))


def _overlap(a: Box | None, b: Box | None) -> bool:
    if a is None or b is None:
        return a is b
    return a.overlaps(b)


def _same(span: _Span, finding: Finding) -> bool:
    best = span.best
    return (best.code == finding.code and best.detector == finding.detector
            and _text_evidence(best) == _text_evidence(finding)
            and _overlap(span.last_box, finding.box))


def merge_spans(samples: Sequence[tuple[float | None, Sequence[Finding]]]) -> list[Finding]:
    """One finding per run of sightings on consecutive samples; ``samples`` holds each sampled
    frame's time (None for a picture without one, such as cover art) and its findings, in
    order."""
    done: list[_Span] = []
    open_spans: list[_Span] = []
    for position, (time, findings) in enumerate(samples):
        seen: list[_Span] = []
        for finding in sorted(findings, key=lambda f: -f.score):
            match = None
            if time is not None:
                match = next((s for s in open_spans if s not in seen and _same(s, finding)),
                             None)
            if match is None:
                span = _Span(finding, time, time, position, finding.box, finding.box)
                open_spans.append(span)
                seen.append(span)
                continue
            if finding.score > match.best.score:
                match.best = finding
            match.last, match.position, match.last_box = time, position, finding.box
            if match.box is not None and finding.box is not None:
                match.box = Box.around((match.box, finding.box))
            seen.append(match)
        closing = [s for s in open_spans if position - s.position > _BRIDGE or s.first is None]
        done += closing
        open_spans = [s for s in open_spans if s not in closing]
    done += open_spans
    out = []
    for span in done:
        until = span.last if span.last is not None and span.last != span.first else None
        out.append(replace(span.best, box=span.box, time=span.first, until=until))
    return sorted(out, key=lambda f: (f.time is not None, f.time or 0.0, f.code))
