"""Which OpenStreetMap tags mark a restricted zone, of which kind, and how wide a zone is when the
place is mapped as a single node (``vmscreen zones from-osm``).

The kinds are the places the private-place clause names: health locations (hospital, clinic,
pharmacy, dentist, doctors), childcare and schools (school, kindergarten, childcare),
bathrooms and changing rooms (toilets, swimming_pool), and places where photography is
restricted (prison, military).

Rules are tried in order and the first that matches decides the kind, so a specific tag
(``amenity=pharmacy``) wins over the catch-all ``healthcare=*`` that often comes with it.

A node has no extent, so its zone is a circle: a typical footprint for the kind plus GPS error
(10-30 m in towns). Small sites in one building (a pharmacy, a practice, a toilet block) get
50 m; sites with a yard or several buildings more; military sites, usually large and often only
a node where the area is not public, the most.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

# kind -> the radius of a node's circle, in metres (see above for why).
RADIUS_M: dict[str, float] = {
    "hospital": 200.0,       # a campus: wards, car parks, entrances
    "clinic": 100.0,         # a health centre, often a building with its own grounds
    "pharmacy": 50.0,        # a shop in one building
    "dentist": 50.0,         # a practice in one building
    "doctors": 50.0,         # a practice in one building
    "school": 150.0,         # buildings with a playground and sports field
    "kindergarten": 100.0,   # a building with a playground
    "childcare": 100.0,      # a building with a playground
    "toilets": 50.0,         # a toilet block
    "swimming_pool": 100.0,  # a pool hall with changing rooms, or an outdoor pool
    "prison": 300.0,         # a walled site
    "military": 500.0,       # bases and ranges are large; a node hides the extent
}
KINDS: tuple[str, ...] = tuple(RADIUS_M)

ANY = "*"  # matches any value but "no"


@dataclass(frozen=True)
class TagRule:
    """``key=value`` (value ``*``: any but "no") makes a zone of ``kind``, if the object also
    carries ``also`` (a value in a ``;`` list counts) and does not carry the key ``unless``."""

    key: str
    value: str
    kind: str
    also: tuple[str, str] | None = None
    unless: str | None = None


RULES: tuple[TagRule, ...] = (
    TagRule("amenity", "hospital", "hospital"),
    TagRule("healthcare", "hospital", "hospital"),
    TagRule("amenity", "clinic", "clinic"),
    TagRule("amenity", "pharmacy", "pharmacy"),
    TagRule("healthcare", "pharmacy", "pharmacy"),
    TagRule("amenity", "dentist", "dentist"),
    TagRule("healthcare", "dentist", "dentist"),
    TagRule("amenity", "doctors", "doctors"),
    TagRule("healthcare", "doctor", "doctors"),
    # Every other health location patients visit (centre, physiotherapist, psychotherapist,
    # dialysis, blood donation, ...): the clause covers all of them.
    TagRule("healthcare", ANY, "clinic"),
    TagRule("amenity", "school", "school"),
    TagRule("amenity", "kindergarten", "kindergarten"),
    TagRule("amenity", "childcare", "childcare"),
    TagRule("amenity", "toilets", "toilets"),
    TagRule("leisure", "swimming_pool", "swimming_pool"),
    TagRule("leisure", "water_park", "swimming_pool"),
    TagRule("leisure", "sports_centre", "swimming_pool", also=("sport", "swimming")),
    # Showers and changing rooms: people undress there, like at a pool.
    TagRule("amenity", "shower", "swimming_pool"),
    TagRule("amenity", "dressing_room", "swimming_pool"),
    TagRule("amenity", "changing_room", "swimming_pool"),
    TagRule("amenity", "prison", "prison"),
    # A historic bunker or fort is a sight to photograph, not a restricted site.
    TagRule("landuse", "military", "military", unless="historic"),
    TagRule("military", ANY, "military", unless="historic"),
)
# The keys any rule looks at: objects without one of them are never zones.
KEYS: tuple[str, ...] = tuple(dict.fromkeys(rule.key for rule in RULES))


@dataclass(frozen=True)
class TagMatch:
    kind: str
    tag: str  # the tag that made it, "amenity=hospital"


def _values(text: str) -> list[str]:
    return [part.strip() for part in text.split(";")]


def _matches(rule: TagRule, tags: Mapping[str, str]) -> bool:
    value = tags.get(rule.key)
    if value is None or (rule.unless is not None and rule.unless in tags):
        return False
    if rule.value == ANY:
        if value.strip() in ("", "no"):
            return False
    elif rule.value not in _values(value):
        return False
    if rule.also is not None:
        key, wanted = rule.also
        return wanted in _values(tags.get(key, ""))
    return True


def match_tags(tags: Mapping[str, str]) -> TagMatch | None:
    """The kind of zone an OSM object with ``tags`` is, or None when it is none."""
    for rule in RULES:
        if _matches(rule, tags):
            value = tags[rule.key] if rule.value == ANY else rule.value
            return TagMatch(rule.kind, f"{rule.key}={value}")
    return None
