"""Sexual content: Yahoo's open_nsfw classifier and nsfwjs's five picture classes, each run with
its own reference preprocessing, and NudeNet's body parts (AGPL-3.0: its model file exists only
with the optional extra)."""

from vmscreen.analyses.nsfw.nsfwjs import (
           NsfwJs,
           PictureClasses,
           PictureClassifier,
           classify_picture,
)
from vmscreen.analyses.nsfw.nudenet import BodyPart, BodyPartModel, NudeNet, find_body_parts
from vmscreen.analyses.nsfw.open_nsfw import (
    NsfwModel,
    OpenNsfw,
    preprocess,
    rate_frame,
    rate_squares,
)

__all__ = ["BodyPart", "BodyPartModel", "NsfwJs", "NsfwModel", "NudeNet", "OpenNsfw",
           "PictureClasses", "PictureClassifier", "classify_picture", "find_body_parts",
           "preprocess", "rate_frame", "rate_squares"]
