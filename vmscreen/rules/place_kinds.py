"""The kinds of private place the contributor clause names, as fixed names: a scene model's
labels map to them (the policy's ``[scene_model.places]``), and the private-scenes detector
turns each into its own finding code."""

from __future__ import annotations

from enum import Enum


class PlaceKind(str, Enum):
    """A kind of private place (a str, so it compares and formats as its name)."""

    BATHROOM = "bathroom"
    """A bathroom, toilet, washroom or shower room."""
    CHANGING_ROOM = "changing-room"
    """A changing room, locker room or fitting room."""
    HEALTH = "health"
    """A health or wellness location: a clinic, hospital ward, treatment or therapy room."""
    CHILDCARE = "childcare"
    """A childcare facility: a nursery, creche, kindergarten or school playroom."""
    RESTRICTED = "restricted"
    """A place where photography is restricted (a sign or the place itself says so)."""
    BEDROOM = "bedroom"
    """A bedroom or other sleeping quarters."""

    def __str__(self) -> str:
        return self.value
