"""Faces: one search per medium with YuNet (and, on request, CenterFace as a second opinion),
shared by the detectors that need faces."""

from vmscreen.faces.base import Face
from vmscreen.faces.centerface import CenterFace
from vmscreen.faces.opinion import SecondOpinion
from vmscreen.faces.search import FaceModel, find_faces, shared_faces
from vmscreen.faces.yunet import YuNet

FACE_MODELS = ("yunet", "yunet+centerface")

__all__ = ["FACE_MODELS", "CenterFace", "Face", "FaceModel", "SecondOpinion", "YuNet",
           "find_faces", "make_face_model", "shared_faces"]


def make_face_model(name: str = "yunet", threads: int = 0) -> FaceModel:
    """A face model by name. Models load on first use, not here."""
    if name == "yunet":
        return YuNet(threads)
    if name == "yunet+centerface":
        return SecondOpinion(YuNet(threads), CenterFace(threads))
    raise ValueError(f"unknown face model {name!r}; choose from {', '.join(FACE_MODELS)}")
