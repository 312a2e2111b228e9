"""The OSM tag table: which tags make which kind of zone, and which do not."""

from __future__ import annotations

import pytest

from vmscreen.rules.osm_tags import KEYS, KINDS, RADIUS_M, RULES, match_tags


@pytest.mark.parametrize(
    "tags, kind, tag",
    [
        ({"amenity": "hospital", "healthcare": "hospital"}, "hospital", "amenity=hospital"),
        ({"healthcare": "hospital"}, "hospital", "healthcare=hospital"),
        ({"amenity": "pharmacy", "healthcare": "pharmacy"}, "pharmacy", "amenity=pharmacy"),
        ({"healthcare": "doctor"}, "doctors", "healthcare=doctor"),
        ({"healthcare": "physiotherapist"}, "clinic", "healthcare=physiotherapist"),
        ({"amenity": "kindergarten"}, "kindergarten", "amenity=kindergarten"),
        ({"amenity": "toilets", "access": "customers"}, "toilets", "amenity=toilets"),
        ({"leisure": "sports_centre", "sport": "fitness;swimming"}, "swimming_pool",
         "leisure=sports_centre"),
        ({"amenity": "shower"}, "swimming_pool", "amenity=shower"),
        ({"military": "barracks"}, "military", "military=barracks"),
        ({"landuse": "military"}, "military", "landuse=military"),
        ({"amenity": "prison"}, "prison", "amenity=prison"),
    ],
)
def test_tags_make_their_kind(tags, kind, tag):
    match = match_tags(tags)
    assert match is not None and (match.kind, match.tag) == (kind, tag)


@pytest.mark.parametrize(
    "tags",
    [
        {"amenity": "cafe"},
        {"healthcare": "no"},
        {"leisure": "sports_centre", "sport": "tennis"},
        {"military": "bunker", "historic": "ruins"},
        {"name": "Hospital Road"},
        {},
    ],
)
def test_other_tags_make_no_zone(tags):
    assert match_tags(tags) is None


def test_every_kind_has_a_radius_and_a_rule():
    assert set(KINDS) == {rule.kind for rule in RULES} == set(RADIUS_M)
    assert all(0 < radius <= 1000 for radius in RADIUS_M.values())
    assert set(KEYS) == {"amenity", "healthcare", "leisure", "landuse", "military"}
