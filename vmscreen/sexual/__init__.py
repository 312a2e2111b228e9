"""Sexual content: Yahoo's open_nsfw classifier, run with its reference preprocessing."""

from vmscreen.sexual.open_nsfw import OpenNsfw, preprocess

__all__ = ["OpenNsfw", "preprocess"]
