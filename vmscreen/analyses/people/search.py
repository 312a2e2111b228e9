"""The person search of one frame, on a 640 px view.

Only people large in the frame matter to the rule (a figure under a third of the frame's height
is distant), and NanoDet-m sees its input at 416 px, so a larger view or tiles would add cost
without adding a person the rule acts on.
"""

from __future__ import annotations

from collections.abc import Iterable

from vmscreen.analyses.objects import PERSON, SceneObject
from vmscreen.analyses.people.base import Person, PersonModel
from vmscreen.media import Frame

VIEW_SIDE = 640


def find_people(frame: Frame, model: PersonModel) -> tuple[Person, ...]:
    view = frame.array(VIEW_SIDE)
    return tuple(model.detect(view, scale=view.shape[1] / frame.width))


def people_among(objects: Iterable[SceneObject]) -> tuple[Person, ...]:
    """The people of an object search (``vmscreen.analyses.objects``): the same boxes and scores
    a person search of the same model gives, without running it again."""
    return tuple(Person(thing.box, thing.score) for thing in objects if thing.label == PERSON)
