"""Engines with one model replaced by a stand-in answering set values, and subjects to hand a
detector directly: the rule under test is the detector's or the policy's, not the network's
(whose preprocessing and outputs are tested on their own)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from vmscreen import Engines, FrameAnalyses, Media, Subject


def engines(**replaced: Any) -> Engines:
    """The built-in engines (one thread each), with the given ones replaced."""
    return replace(Engines.create(threads=1), **replaced)


def subject(media: Media, with_engines: Engines | None = None, index: int = 0,
            zones: tuple = ()) -> Subject:
    """What a detector sees of frame ``index``, with fresh analyses."""
    frame = media.frame(index)
    return Subject(media, frame, FrameAnalyses(frame, with_engines or engines()), zones)


class Scores:
    """An NSFW model answering set scores in turn (the last one again when they run out)."""

    def __init__(self, *scores: float) -> None:
        self.given = list(scores)
        self.seen = 0

    def scores(self, images: list) -> list[float]:
        answer = [self.given[min(self.seen + i, len(self.given) - 1)] for i in range(len(images))]
        self.seen += len(images)
        return answer


class Pictures:
    """nsfwjs's classifier answering set class probabilities (neutral takes what is left)."""

    def __init__(self, drawing: float = 0.0, hentai: float = 0.0, porn: float = 0.0,
                 sexy: float = 0.0) -> None:
        from vmscreen.analyses.nsfw import PictureClasses

        neutral = 1.0 - drawing - hentai - porn - sexy
        self.answer = PictureClasses(drawing, hentai, neutral, porn, sexy)

    def classes(self, rgb: Any) -> Any:
        return self.answer


class Classes:
    """An ImageNet classifier answering set probabilities by class index (the rest spread)."""

    def __init__(self, **shares: float) -> None:
        import numpy as np

        given = {int(index.lstrip("_")): share for index, share in shares.items()}
        rest = (1.0 - sum(given.values())) / (1000 - len(given))
        self.answer = np.full(1000, rest)
        for index, share in given.items():
            self.answer[index] = share

    def probabilities(self, image: Any) -> Any:
        return self.answer


class Parts:
    """A body-part model answering set parts."""

    def __init__(self, *parts: Any) -> None:
        self.parts = list(parts)

    def detect(self, rgb: Any, scale: float = 1.0) -> list:
        return self.parts


class Objects:
    """An object model answering set objects (SceneObjects)."""

    name = "fixed"

    def __init__(self, *objects: Any) -> None:
        self.objects = list(objects)

    def detect_objects(self, rgb: Any, scale: float = 1.0) -> list:
        return self.objects
