"""Other people: faces found by the shared face search, judged by the identifiability rule.

Every face is a finding with its box, so that a redaction can cover it: identifiable faces as
FAC101 (the default policy rejects), the rest as FAC102 with the reasons they cannot be
recognised (reported, not acted on). Faces on an identity document (its portrait and ghost
portrait) are left to the sensitive-id detector, which reports the document once (IDD102).
"""

from __future__ import annotations

from collections.abc import Iterable

from vmscreen.detectors.base import DetectorInfo, ScreenContext
from vmscreen.detectors.id_layout import off_documents
from vmscreen.faces import Face, shared_faces
from vmscreen.faces.identifiability import Assessment, assess
from vmscreen.findings import Category, CodeInfo, Finding
from vmscreen.media import Media
from vmscreen.models import YUNET

NAME = "faces"
MIN_FACE_SCORE = 0.75  # below this, YuNet's detections on the real set are mostly not faces
MAX_FACES = 100  # a crowd is reported by its first hundred faces, largest first
ASSESS_SIDE = 2048

IDENTIFIABLE = CodeInfo(
    "FAC101", "identifiable-face", Category.OTHER_PEOPLE,
    "A face that can be recognised.",
    "A face large, sharp and frontal enough that someone who knows the person could recognise "
    "them: at least 32 px high and 2% of the frame's short side, not blurred (faces of 64 px "
    "or more need edge energy of 0.02 or more), not pixelated, not turned away. The contributor "
    "policy excludes images of any other person who can be individually identified; the "
    "default policy rejects. The score is the face detector's confidence; evidence gives the "
    "face's height in pixels, its share of the frame's short side, its sharpness and how far "
    "it is turned (yaw, in half eye-distances).",
)
UNIDENTIFIABLE = CodeInfo(
    "FAC102", "unidentifiable-face", Category.OTHER_PEOPLE,
    "A face too small, blurred, pixelated or turned away to recognise.",
    "A face was found, but the identifiability rule says it cannot be recognised: a figure in a "
    "distant crowd, a face already blurred or pixelated, a head turned away. Reported so that "
    "a reviewer or a redaction can see it; the default policy accepts. Evidence: the reasons, "
    "and the same measures as FAC101.",
)


def _finding(face: Face, judged: Assessment, width: int, height: int) -> Finding:
    evidence = {"height_px": judged.height_px, "frame_share": judged.frame_share,
                "sharpness": judged.sharpness, "yaw": judged.yaw}
    box = face.pixel_box(width, height)
    if judged.identifiable:
        return IDENTIFIABLE.finding(NAME, round(face.score, 3),
                                    f"an identifiable face, {judged.height_px} px high",
                                    box=box, evidence=evidence)
    why = ", ".join(judged.reasons)
    return UNIDENTIFIABLE.finding(NAME, round(face.score, 3), f"a face that is {why}", box=box,
                                  evidence={**evidence, "reasons": why})


class FaceDetector:
    info = DetectorInfo(
        name=NAME,
        version="1.0.0",
        codes=(IDENTIFIABLE, UNIDENTIFIABLE),
        licence="Apache-2.0",
        models=(YUNET.ref,),
        cost=110,  # after sensitive-id, whose OCR pass and document layout it reuses
        time_budget_s=60.0,
    )

    def detect(self, media: Media, context: ScreenContext) -> Iterable[Finding]:
        faces = off_documents([face for face in shared_faces(media, context.faces)
                               if face.score >= MIN_FACE_SCORE], media, context)
        if not faces:
            return []
        # Faces are judged on a view of at most 2048 px: a full decode of a 12 MP photo (or a
        # HEIC) costs more than the whole face search, and faces that small are judged by size.
        grey = media.grey(ASSESS_SIDE if max(media.width, media.height) > ASSESS_SIDE else None)
        scale = grey.shape[1] / media.width
        faces = sorted(faces, key=lambda face: -face.height)[:MAX_FACES]
        return [_finding(face, assess(face, grey, scale), media.width, media.height)
                for face in faces]
