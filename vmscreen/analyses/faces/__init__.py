"""Faces: one search per frame with YuNet (and, on request, CenterFace as a second opinion),
shared by the detectors that need faces, and measures of how much of a face can be seen."""

from vmscreen.analyses.faces.base import CONFIDENT_FACE_SCORE, Face, FaceModel
from vmscreen.analyses.faces.centerface import CenterFace
from vmscreen.analyses.faces.opinion import SecondOpinion
from vmscreen.analyses.faces.quality import measure
from vmscreen.analyses.faces.search import find_faces
from vmscreen.analyses.faces.yunet import YuNet

FACE_MODELS = ("yunet", "yunet+centerface")

__all__ = ["CONFIDENT_FACE_SCORE", "FACE_MODELS", "CenterFace", "Face", "FaceModel",
           "SecondOpinion", "YuNet", "find_faces", "make_face_model", "measure"]


def make_face_model(name: str = "yunet", threads: int = 0) -> FaceModel:
    """A face model by name. Models load on first use, not here."""
    if name == "yunet":
        return YuNet(threads)
    if name == "yunet+centerface":
        return SecondOpinion(YuNet(threads), CenterFace(threads))
    raise ValueError(f"unknown face model {name!r}; choose from {', '.join(FACE_MODELS)}")
