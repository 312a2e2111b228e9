"""One person search per medium, on a 640 px view.

Only people large in the frame matter to the rule (a figure under a third of the frame's height
is distant), and NanoDet-m sees its input at 416 px, so a larger view or tiles would add cost
without adding a person the rule acts on.
"""

from __future__ import annotations

from typing import Protocol

from vmscreen.media import Media
from vmscreen.people.base import Person

VIEW_SIDE = 640


class PersonModel(Protocol):
    name: str

    def detect(self, rgb, scale: float = 1.0) -> list[Person]: ...


def shared_people(media: Media, model: PersonModel) -> tuple[Person, ...]:
    """The medium's people, found by the first detector that asks and kept for the others."""
    def search() -> tuple[Person, ...]:
        view = media.array(VIEW_SIDE)
        return tuple(model.detect(view, scale=view.shape[1] / media.width))

    return media.memo(f"people:{model.name}", search)
