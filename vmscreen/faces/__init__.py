"""Faces: one search per medium with YuNet, shared by the detectors that need faces."""

from vmscreen.faces.base import Face
from vmscreen.faces.search import FaceModel, find_faces, shared_faces
from vmscreen.faces.yunet import YuNet

__all__ = ["Face", "FaceModel", "YuNet", "find_faces", "shared_faces"]
