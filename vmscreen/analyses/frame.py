"""The analyses of one frame that several detectors share, each computed at most once.

A detector asks for what it needs through typed methods (``reading()``, ``faces()``,
``document()``...); how each is computed once, timed and credited with the models it ran is
the memo of ``vmscreen.analyses.shared``.
"""

from __future__ import annotations

from vmscreen.analyses.artwork import Artwork, find_artwork
from vmscreen.analyses.banks import HASH_SIDE, PdqHash, pdq_of
from vmscreen.analyses.barcodes import Barcode, read_barcodes
from vmscreen.analyses.document import DocumentLayout, document_layout, enough_text
from vmscreen.analyses.engines import Engines
from vmscreen.analyses.faces import Face, find_faces
from vmscreen.analyses.framing import Framing, frame_framing
from vmscreen.analyses.image_classes import ImageClasses, find_image_classes
from vmscreen.analyses.marks import Mark
from vmscreen.analyses.nsfw import (
    BodyPart,
    PictureClasses,
    classify_picture,
    find_body_parts,
    rate_frame,
    rate_squares,
)
from vmscreen.analyses.objects import SceneObject, find_objects
from vmscreen.analyses.ocr import Line, Reading, TextPlan, plan_text, read_frame
from vmscreen.analyses.ocr.overlay import read_overlays
from vmscreen.analyses.ocr.pipeline import number_strips, read_area
from vmscreen.analyses.overlay_pattern import OverlayPattern, find_overlay_pattern
from vmscreen.analyses.people import Person, find_people, people_among
from vmscreen.analyses.scene_model import SceneScore, classify_frame
from vmscreen.analyses.shared import AnalysisUsage, SharedAnalyses, analysis_usage
from vmscreen.media import Frame
from vmscreen.rules.film_cues import MIN_HEIGHT, SUBTITLE_ZONE

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
        embossed and densely set numbers whole) where it has one. The thorough reading reads
        only the strips of the plan around the numbers the fast one shows (``number_strips``)."""
        if thorough and self.engines.ocr.has_thorough_mode:
            return self._get("reading-thorough", lambda: read_frame(
                self.frame, self.engines.ocr, self.number_strips(), thorough=True))
        return self._get("reading", lambda: read_frame(self.frame, self.engines.ocr,
                                                       self.text_plan()))

    def number_strips(self) -> TextPlan:
        """Where the thorough reading reads (``vmscreen.analyses.ocr.pipeline.number_strips``)."""
        return number_strips(self.text_plan(), self.reading().lines)

    def overlay_text(self) -> Reading:
        """A second look for watermarks the reading misses: single lines the text plan left
        out, faint light marks over the middle of the frame, and frames too small to plan
        (``vmscreen.analyses.ocr.overlay``). Nothing where no mark is likely."""
        return self._get("overlay-text", lambda: read_overlays(
            self.frame, self.engines.ocr, self.text_plan(), self.reading().words))

    def overlay_pattern(self) -> OverlayPattern | None:
        """A mark without readable text tiled across the frame (a logo repeated at one exact
        step over a changing scene), from the pixels; None when there is none."""
        return self._get("overlay-pattern", lambda: find_overlay_pattern(
            self.frame, self.framing().picture))

    def barcodes(self) -> tuple[Barcode, ...]:
        return self._get("barcodes", lambda: read_barcodes(self.frame))

    # -- people -----------------------------------------------------------------------------

    def faces(self) -> tuple[Face, ...]:
        """Every face the face model finds, at its own threshold."""
        return self._get("faces", lambda: find_faces(self.frame, self.engines.faces))

    def people(self) -> tuple[Person, ...]:
        """Every person the person model finds, at its own threshold. When the person model is
        the object model too (the built-in NanoDet), they are the object search's persons: one
        run of the network serves both."""
        if self.engines.people is self.engines.objects:
            return self._get("people", lambda: people_among(self.objects()))
        return self._get("people", lambda: find_people(self.frame, self.engines.people))

    # -- objects ----------------------------------------------------------------------------

    def objects(self) -> tuple[SceneObject, ...]:
        """Every object of every COCO class the object model finds, at its own threshold."""
        return self._get("objects", lambda: find_objects(self.frame, self.engines.objects))

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

    def nsfw_squares(self) -> float:
        """open_nsfw's highest probability over three undistorted squares along the frame's
        long side (its whole-frame rating squashes a wide picture into a square)."""
        return self._get("nsfw-squares", lambda: rate_squares(self.frame, self.engines.nsfw))

    def picture_classes(self) -> PictureClasses:
        """nsfwjs's five classes of the frame: drawing, hentai, neutral, porn, sexy."""
        return self._get("picture-classes", lambda: classify_picture(self.frame,
                                                                     self.engines.pictures))

    def artwork(self) -> Artwork:
        """Whether the frame is an artwork (a painting or drawing, a photographed sculpture)
        rather than a photograph of the scene (vmscreen.rules.artwork)."""
        return self._get("artwork", lambda: find_artwork(self.picture_classes(),
                                                         self.image_classes()))

    def body_parts(self) -> tuple[BodyPart, ...]:
        """NudeNet's boxes, before any threshold (the optional extra's model)."""
        return self._get("body-parts", lambda: find_body_parts(self.frame,
                                                               self.engines.body_parts))

    # -- private places ---------------------------------------------------------------------

    def image_classes(self) -> ImageClasses:
        """The frame's ImageNet-1k class probabilities (EfficientNet-Lite0)."""
        return self._get("image-classes", lambda: find_image_classes(self.frame,
                                                                       self.engines.classes))

    def scene(self) -> tuple[SceneScore, ...]:
        """The operator's scene model's score for each of its labels, the most likely first;
        nothing when the policy names no scene model."""
        model = self.engines.scene
        if model is None:
            return ()
        return self._get("scene", lambda: classify_frame(self.frame, model))

    # -- framing ----------------------------------------------------------------------------

    def framing(self) -> Framing:
        """The black bars around the picture (letterbox, pillarbox), if any."""
        return self._get("framing", lambda: frame_framing(self.frame))

    def subtitle_band(self) -> tuple[Line, ...]:
        """The lines in the lowest quarter of a letterboxed or pillarboxed picture and the bar
        below it, read even when they are a single line (too little for the presence step
        that plans ``reading``); nothing for a frame without bars."""
        def compute() -> tuple[Line, ...]:
            framing = self.framing()
            if not framing.bars:
                return ()
            x0, y0, x1, y1 = framing.picture
            top = y1 - SUBTITLE_ZONE * (y1 - y0)
            return read_area(self.frame, self.engines.ocr,
                             (float(x0), top, float(x1), float(self.frame.height)),
                             text_height=MIN_HEIGHT * (y1 - y0))

        return self._get("subtitle-band", compute)

    def persistent_mark(self) -> Mark | None:
        """A mark that stayed put over earlier samples of other scenes of the same clip (a
        channel's logo, a burned-in timecode); None for a photo, whose engines hold no clip."""
        marks = self.engines.marks
        if marks is None:
            return None
        return self._get("persistent-mark", lambda: marks.mark(self.frame))

    # -- reference banks --------------------------------------------------------------------

    def pdq(self) -> PdqHash:
        """The frame's PDQ hashes (its eight rotations and flips) and their quality, from the
        frame at HASH_SIDE pixels: the same path a banked picture is hashed through."""
        return self._get("pdq", lambda: pdq_of(self.frame.image(HASH_SIDE)))
