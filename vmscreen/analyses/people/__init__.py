"""People: one person search per medium with NanoDet-m, for people whose faces are not seen."""

from vmscreen.people.base import Person
from vmscreen.people.nanodet import NanoDet
from vmscreen.people.search import PersonModel, shared_people

__all__ = ["NanoDet", "Person", "PersonModel", "shared_people"]
