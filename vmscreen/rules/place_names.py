"""Words that mark a location name as a private or restricted place, in several languages.

Matched against location fields (IPTC City / Sub-location, XMP Location and friends), never
against free captions, so 'Hospital Road' in a city field is the main false-positive risk, and
the default policy sends these to review rather than reject.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# place class -> words. Stems (ending in '*') also match inside compounds ('Universitätsklinikum').
PLACE_WORDS: dict[str, tuple[str, ...]] = {
    "health": (
        "hospital", "clinic", "medical cent*", "health cent*", "infirmary", "hospice",
        "maternity", "emergency room", "dentist", "dental", "pharmacy", "psychiatric",
        "rehabilitation", "physiotherapy", "surgery", "sanatorium", "krankenhaus*", "*klinik*",
        "hôpital", "hopital", "clinique", "clínica", "clinica", "ospedale", "ziekenhuis",
        "spital", "sjukhus", "szpital", "nemocnice",
    ),
    "childcare": (
        "nursery", "kindergarten*", "daycare", "day care", "childcare", "child care",
        "preschool", "pre-school", "creche", "crèche", "playgroup", "kita", "kindertagesstätte*",
        "guardería", "guarderia", "école maternelle", "ecole maternelle", "asilo nido",
        "kinderdagverblijf", "primary school", "elementary school",
    ),
    "bathroom": (
        "bathroom", "restroom", "toilet*", "lavatory", "washroom", "wc", "changing room*",
        "locker room*", "shower*", "umkleide*", "vestiaire*", "vestuario*",
    ),
    "wellness": (
        "gym", "fitness", "spa", "sauna", "swimming pool", "leisure cent*", "massage",
        "wellness*", "hallenbad", "schwimmbad", "piscine", "piscina",
    ),
    "school": ("school", "schule*", "école", "ecole", "escuela", "scuola", "college", "academy"),
    "restricted": (
        "military", "army base", "air base", "naval base", "barracks", "prison", "jail",
        "police station", "courtroom", "court house", "courthouse", "embassy", "consulate",
        "power plant", "nuclear", "checkpoint", "border crossing",
    ),
}

PLACE_SCORES: dict[str, float] = {
    "health": 0.8, "childcare": 0.85, "bathroom": 0.85, "wellness": 0.6, "school": 0.6,
    "restricted": 0.7,
}


def _pattern(word: str) -> str:
    core = re.escape(word.strip("*")).replace(r"\ ", r"\s+")
    left = r"" if word.startswith("*") else r"(?<!\w)"
    right = r"" if word.endswith("*") else r"(?!\w)"
    return left + core + right


_MATCHERS = tuple(
    (place, word.strip("*"), re.compile(_pattern(word), re.IGNORECASE))
    for place, words in PLACE_WORDS.items()
    for word in words
)


@dataclass(frozen=True)
class PlaceMatch:
    place: str
    keyword: str
    score: float


def match_place(text: str) -> PlaceMatch | None:
    """The strongest private-place class a location name points to, if any."""
    normal = unicodedata.normalize("NFC", text)
    best: PlaceMatch | None = None
    for place, keyword, pattern in _MATCHERS:
        if pattern.search(normal):
            candidate = PlaceMatch(place, keyword, PLACE_SCORES[place])
            if best is None or candidate.score > best.score:
                best = candidate
    return best
