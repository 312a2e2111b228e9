"""Work that several detectors share. Per frame: the OCR reading, barcodes, the face and person
searches, the document layout, the NSFW score and body parts, each computed at most once per
frame by ``FrameAnalyses``. Per audio track: the speech and the digit runs read out in it, by
``TrackAnalyses``. Both use the ``Engines`` a Screener builds."""

from vmscreen.analyses.barcodes import Barcode
from vmscreen.analyses.cancel import Cancelled, checkpoint, stoppable
from vmscreen.analyses.document import DocumentLayout, off_document
from vmscreen.analyses.engines import Engines
from vmscreen.analyses.faces import CONFIDENT_FACE_SCORE, Face
from vmscreen.analyses.frame import AnalysisUsage, FrameAnalyses, analysis_usage
from vmscreen.analyses.nsfw import BodyPart
from vmscreen.analyses.ocr import Line, Reading, Word
from vmscreen.analyses.people import Person
from vmscreen.analyses.speech import DigitRun, SpeechSegment
from vmscreen.analyses.track import TrackAnalyses

__all__ = ["CONFIDENT_FACE_SCORE", "AnalysisUsage", "Barcode", "BodyPart", "Cancelled",
           "DigitRun", "DocumentLayout", "Engines", "Face", "FrameAnalyses", "Line", "Person",
           "Reading", "SpeechSegment", "TrackAnalyses", "Word", "analysis_usage", "checkpoint",
           "off_document", "stoppable"]
