"""Other people: faces found by the frame's shared face search, judged by the identifiability
rule (vmscreen.rules.identifiability) on measures taken from the frame's pixels.

Every face is a finding with its box, so that a redaction can cover it: identifiable faces as
FAC101 (the default policy rejects), the rest as FAC102 with the reasons they cannot be
recognised (reported, not acted on). A face that is a picture rather than a person (a drawing,
an icon, the same face printed on every package of a shelf: vmscreen.rules.depiction) is FAC103;
a statue's face (vmscreen.rules.artwork) is FAC104.
Faces on an identity document (its portrait and ghost portrait) are left to the sensitive-id
detector, which reports the document once (IDD102): its portrait is never judged a drawing here.
"""

from __future__ import annotations

from collections.abc import Iterable

from vmscreen.analyses import CONFIDENT_FACE_SCORE, Face, off_document
from vmscreen.analyses.artwork import pedestal_share
from vmscreen.analyses.faces import measure
from vmscreen.analyses.faces.depiction import measure_depiction
from vmscreen.detectors.base import DetectorInfo, Subject
from vmscreen.findings import Category, CodeInfo, Cover, Finding
from vmscreen.rules.artwork import ArtworkKind, is_sculpture, statue_coloured, statue_face
from vmscreen.rules.depiction import DepictionMeasures, depictions
from vmscreen.rules.identifiability import Assessment, assess

NAME = "faces"
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
    cover=Cover.BLUR, cover_accepted=True,
)
UNIDENTIFIABLE = CodeInfo(
    "FAC102", "unidentifiable-face", Category.OTHER_PEOPLE,
    "A face too small, blurred, pixelated or turned away to recognise.",
    "A face was found, but the identifiability rule says it cannot be recognised: a figure in a "
    "distant crowd, a face already blurred or pixelated, a head turned away. Reported so that "
    "a reviewer or a redaction can see it; the default policy accepts. Evidence: the reasons, "
    "and the same measures as FAC101.",
    cover=Cover.BLUR, cover_accepted=True,
)
DEPICTED = CodeInfo(
    "FAC103", "depicted-face", Category.OTHER_PEOPLE,
    "A face that is a picture, not a person in the scene: a drawing, an icon, a printed copy.",
    "The face detector found a face, but its pixels show a picture of one rather than a person: "
    "a drawing (a third or more of a face 100 px or larger is flat fill, bounded by outlines "
    "that step in one pixel, where a photographed face is shaded, under a fifth flat, and its "
    "edges rise over a few pixels), an icon (two thirds or more flat fill), or a printed "
    "repeat (a near-identical copy of the face, of about its size, elsewhere in the frame, as "
    "on a shelf of packages printed with one face: two photographs of a person never match "
    "that closely), or one of a printed set (a face of about the height of three or more "
    "printed repeats in the frame: another icon of the sheet, another product of the "
    "shelf). A drawing or icon is no identifiable person, and a face printed many times "
    "over is a product's picture, not someone present; the default policy accepts, and the "
    "box is kept so that a redaction can cover it. A single printed photograph (a poster, a "
    "magazine page, a framed photo) cannot be told from a person by pixels alone and is "
    "judged as a face (FAC101 or FAC102): the person on it can still be recognised. Faces "
    "on identity documents are reported with the document (IDD102), never here. Evidence: "
    "the reason (drawing, icon, printed-repeat, printed-set), the share of flat pixels, the edge "
    "steepness, the similarity to the closest other face, and the face's height.",
    cover=Cover.BLUR, cover_accepted=True,
)

SCULPTED = CodeInfo(
    "FAC104", "artwork-face", Category.OTHER_PEOPLE,
    "A face in an artwork: a statue's face, not a person in the scene.",
    "The picture is a photographed sculpture (ImageNet's pedestal class reaches 0.15: under "
    "the art set's statues 0.20 to 0.60, on every real photo 0.02 or less) and the face is "
    "the colour of its material, not of skin (its median colour within 10 CIELAB a*b* units "
    "of grey: bronze and marble faces measure 6 to 7, the real set's faces 21 at the "
    "median), so a visitor photographed in colour beside the statue is still judged as a "
    "person; in a greyscale photo of a statue, every face counts as the statue's. A statue's "
    "face is no one who could be identified; the default policy accepts, and the box is kept "
    "so that a redaction can cover it. Faces in paintings are still judged as faces: the cue "
    "that a picture is a painting (nsfwjs's drawing class) also reads nearly a quarter of "
    "real photos as drawings, so a painted face cannot yet be told from a photographed one "
    "without losing real people. Evidence: the pedestal share, the face's colourfulness and "
    "its height.",
    cover=Cover.BLUR, cover_accepted=True,
)


def _finding(face: Face, judged: Assessment, picture: DepictionMeasures, reason: str | None,
             width: int, height: int, artwork: ArtworkKind | None, pedestal: float) -> Finding:
    evidence = {"height_px": judged.height_px, "frame_share": judged.frame_share,
                "sharpness": judged.sharpness, "yaw": judged.yaw}
    box = face.pixel_box(width, height)
    if statue_face(artwork, picture.colourfulness):
        return SCULPTED.finding(NAME, round(face.score, 3), "a statue's face", box=box,
                                evidence={"artwork": "sculpture", "pedestal": round(pedestal, 3),
                                          "colourfulness": round(picture.colourfulness, 1),
                                          "height_px": judged.height_px})
    if reason is not None:
        return DEPICTED.finding(NAME, round(face.score, 3), f"a face that is a {reason}", box=box,
                                evidence={"reason": reason, "height_px": judged.height_px,
                                          "flat_share": round(picture.flat_share, 3),
                                          "edge_steepness": round(picture.edge_steepness, 3),
                                          "twin_similarity": round(picture.twin_similarity, 3)})
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
        version="1.3.0",
        codes=(IDENTIFIABLE, UNIDENTIFIABLE, DEPICTED, SCULPTED),
        licence="Apache-2.0",
        time_budget_s=60.0,
    )

    def detect(self, subject: Subject) -> Iterable[Finding]:
        frame, analyses = subject.frame, subject.analyses
        faces = [face for face in analyses.faces() if face.score >= CONFIDENT_FACE_SCORE]
        if not faces:
            return []
        # A document's portrait is reported once, with the document (IDD102).
        faces = off_document(faces, analyses.document())
        if not faces:
            return []
        # Faces are judged on a view of at most 2048 px: a full decode of a 12 MP photo (or a
        # HEIC) costs more than the whole face search, and faces that small are judged by size.
        side = ASSESS_SIDE if max(frame.width, frame.height) > ASSESS_SIDE else None
        grey, rgb = frame.grey(side), frame.array(side)
        scale = grey.shape[1] / frame.width
        faces = sorted(faces, key=lambda face: -face.height)[:MAX_FACES]
        pictures = measure_depiction(faces, rgb, grey, scale)
        # Whether the frame is a sculpture matters only for a face the colour of its material,
        # and needs only the pedestal class (not nsfwjs, which the whole artwork analysis runs).
        pedestal = (pedestal_share(analyses.image_classes())
                    if any(statue_coloured(p.colourfulness) for p in pictures) else 0.0)
        kind = ArtworkKind.SCULPTURE if is_sculpture(pedestal) else None
        reasons = depictions(pictures)
        return [_finding(face, assess(measure(face, grey, scale)), picture, reason, frame.width,
                         frame.height, kind, pedestal)
                for face, picture, reason in zip(faces, pictures, reasons, strict=True)]
