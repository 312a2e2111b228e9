"""People: one person search per frame with NanoDet-m, for people whose faces are not seen."""

from vmscreen.analyses.people.base import Person, PersonModel
from vmscreen.analyses.people.nanodet import NanoDet
from vmscreen.analyses.people.search import find_people, people_among

__all__ = ["NanoDet", "Person", "PersonModel", "find_people", "people_among"]
