"""The analyses of one frame that several detectors share, each computed at most once.

A detector asks for what it needs through typed methods (``reading()``, ``faces()``,
``document()``...); how each is computed once, timed and credited with the models it ran is
the memo of ``vmscreen.analyses.shared``.
"""

from __future__ import annotations

from vmscreen.analyses.barcodes import Barcode, read_barcodes
from vmscreen.analyses.document import DocumentLayout, document_layout, enough_text
from vmscreen.analyses.engines import Engines
from vmscreen.analyses.faces import Face, find_faces
from vmscreen.analyses.nsfw import BodyPart, find_body_parts, rate_frame
from vmscreen.analyses.ocr import Reading, TextPlan, plan_text, read_frame
from vmscreen.analyses.people import Person, find_people
from vmscreen.analyses.shared import AnalysisUsage, SharedAnalyses, analysis_usage
from vmscreen.media import Frame

__all__ = ["AnalysisUsage", "FrameAnalyses", "analysis_usage"]


class FrameAnalyses(SharedAnalyses):
    """The shared analyses of one frame, built by the Screener for each frame it screens."""

    def __init__(self, frame: Frame, engines: Engines) -> None:
        super().__init__()
        self.frame = frame
        self.engines = engines

    # -- text -------------------------------------------------------------------------------

    def text_plan(self) -> TextPlan:
        """Where the frame's text could be (the cheap presence step)."""
        return self._get("text-plan", lambda: plan_text(self.frame))

    def reading(self, thorough: bool = False) -> Reading:
        """The frame's OCR: the engine's fast reading, or its thorough one (slower, reads
        embossed and densely set numbers whole) where it has one."""
        if thorough and self.engines.ocr.has_thorough_mode:
            return self._get("reading-thorough", lambda: read_frame(
                self.frame, self.engines.ocr, self.text_plan(), thorough=True))
        return self._get("reading", lambda: read_frame(self.frame, self.engines.ocr,
                                                       self.text_plan()))

    def barcodes(self) -> tuple[Barcode, ...]:
        return self._get("barcodes", lambda: read_barcodes(self.frame))

    # -- people -----------------------------------------------------------------------------

    def faces(self) -> tuple[Face, ...]:
        """Every face the face model finds, at its own threshold."""
        return self._get("faces", lambda: find_faces(self.frame, self.engines.faces))

    def people(self) -> tuple[Person, ...]:
        return self._get("people", lambda: find_people(self.frame, self.engines.people))

    def document(self) -> DocumentLayout | None:
        """The identity document the frame shows (a portrait beside lines of text), if any.
        It reads the text first: most frames hold too little for a document, which spares them
        the face search."""
        def compute() -> DocumentLayout | None:
            lines = self.reading().lines
            if not enough_text(lines):
                return None
            return document_layout(self.frame, lines, self.faces())

        return self._get("document", compute)

    # -- sexual content ---------------------------------------------------------------------

    def nsfw(self) -> float:
        """open_nsfw's probability that the frame is not safe for work."""
        return self._get("nsfw", lambda: rate_frame(self.frame, self.engines.nsfw))

    def body_parts(self) -> tuple[BodyPart, ...]:
        """NudeNet's boxes, before any threshold (the optional extra's model)."""
        return self._get("body-parts", lambda: find_body_parts(self.frame,
                                                               self.engines.body_parts))
