"""Sexual content: Yahoo's open_nsfw classifier, run with its reference preprocessing (and
NudeNet's body parts, with the optional extra)."""

from vmscreen.sexual.open_nsfw import NsfwModel, OpenNsfw, preprocess, shared_nsfw

__all__ = ["NsfwModel", "OpenNsfw", "preprocess", "shared_nsfw"]
