"""The artwork rule: a painting from nsfwjs's drawing class, a sculpture from a pedestal, and a
statue's face by its material's colour."""

from __future__ import annotations

import pytest

from vmscreen.rules.artwork import ArtworkCues, ArtworkKind, artwork_kind, statue_face


@pytest.mark.parametrize(("drawing", "pedestal", "kind"), [
    (0.05, 0.0, None),  # a photograph
    (0.59, 0.14, None),  # just under both marks
    (0.6, 0.0, ArtworkKind.PAINTING),
    (0.95, 0.01, ArtworkKind.PAINTING),
    (0.1, 0.15, ArtworkKind.SCULPTURE),
    (0.9, 0.6, ArtworkKind.SCULPTURE),  # a statue nsfwjs also reads as a drawing
])
def test_the_kind_of_artwork(drawing, pedestal, kind):
    assert artwork_kind(ArtworkCues(drawing=drawing, pedestal=pedestal)) is kind


@pytest.mark.parametrize(("kind", "colourfulness", "statue"), [
    (ArtworkKind.SCULPTURE, 6.5, True),  # bronze or marble
    (ArtworkKind.SCULPTURE, 10.0, True),
    (ArtworkKind.SCULPTURE, 22.0, False),  # a visitor's skin beside the statue
    (ArtworkKind.PAINTING, 6.5, False),  # a grisaille's face is still judged as a face
    (None, 3.0, False),  # a grey photograph
])
def test_a_statues_face_is_the_colour_of_its_material(kind, colourfulness, statue):
    assert statue_face(kind, colourfulness) is statue
