"""Signage that names a private place, in English, French, German, Spanish, Italian,
Portuguese and Dutch: "WC", "toilettes", "Umkleide", "vestuario", "pronto soccorso", "no
photography", "verboden te fotograferen"...

Text is compared without case or accents, word by word, so OCR's "TOILETTES" and "Toilettes"
are one sign. Each entry says how much it proves: a sign for toilets, showers, changing rooms or
a ban on photography is the place itself (or its door); one for a pharmacy, a clinic or a
nursery may be a shop front seen from the street, so it is partial. Words that only support
(the "men" and "women" of a toilet door, "ward", "station") count beside other evidence, never
alone. A finding names the entry of this list that matched, never the text that was read.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from vmscreen.rules.place_kinds import PlaceKind

STRONG = 0.9  # the place itself, or its door
PARTIAL = 0.7  # a building's or a shop's sign: maybe seen from the street
SUPPORT = 0.3  # only beside other evidence

_B, _C, _H = PlaceKind.BATHROOM, PlaceKind.CHANGING_ROOM, PlaceKind.HEALTH
_K, _R = PlaceKind.CHILDCARE, PlaceKind.RESTRICTED

# (kind, strength, phrases). Phrases are lower case without accents; "s?" style endings are
# spelt out, so each one reads as a word list.
_SIGNS: tuple[tuple[PlaceKind, float, tuple[str, ...]], ...] = (
    (_B, STRONG, (
        "toilet", "toilets", "restroom", "restrooms", "wc", "w.c.", "w c", "lavatory",
        "lavatories", "washroom", "washrooms", "public toilets", "bathroom", "bathrooms",
        "toilettes", "lavabos", "sanitaires", "toilette", "toiletten", "baño", "banos", "baños",
        "aseo", "aseos", "sanitarios", "bagno", "bagni", "servizi igienici", "casa de banho",
        "banheiro", "banheiros", "baby changing")),
    (_B, SUPPORT, (
        "men", "women", "gents", "ladies", "hommes", "femmes", "dames", "messieurs", "herren",
        "damen", "caballeros", "damas", "senoras", "uomini", "donne", "homens", "mulheres",
        "heren", "servicios")),
    (_C, STRONG, (
        "shower", "showers", "changing room", "changing rooms", "locker room", "locker rooms",
        "fitting room", "fitting rooms", "douche", "douches", "vestiaire", "vestiaires",
        "cabine d'essayage", "cabines d'essayage", "dusche", "duschen", "umkleide",
        "umkleiden", "umkleideraum", "umkleidekabine", "ducha", "duchas", "vestuario",
        "vestuarios", "probador", "probadores", "doccia", "docce", "spogliatoio", "spogliatoi",
        "camerino", "camerini", "chuveiro", "chuveiros", "balneario", "balnearios",
        "vestiario", "vestiarios", "provador", "provadores", "kleedkamer", "kleedkamers",
        "kleedruimte", "paskamer", "paskamers")),
    (_H, STRONG, (
        "icu", "intensive care", "intensive care unit", "operating theatre", "operating room",
        "emergency department", "emergency room", "a&e", "accident & emergency",
        "accident and emergency", "maternity ward", "radiology", "x-ray", "outpatients",
        "urgences", "soins intensifs", "reanimation", "bloc operatoire", "notaufnahme",
        "intensivstation", "urgencias", "uci", "quirofano", "pronto soccorso",
        "terapia intensiva", "sala operatoria", "urgencia", "uti", "spoedeisende hulp",
        "seh", "operatiekamer")),
    (_H, PARTIAL, (
        "hospital", "clinic", "pharmacy", "chemist", "dentist", "dental surgery",
        "medical centre", "medical center", "doctor's surgery", "hopital", "clinique",
        "pharmacie", "dentiste", "cabinet medical", "krankenhaus", "klinik", "klinikum",
        "apotheke", "zahnarzt", "arztpraxis", "clinica", "farmacia", "dentista",
        "centro de salud", "ospedale", "poliambulatorio", "centro de saude", "ziekenhuis",
        "kliniek", "apotheek", "tandarts", "huisarts")),
    (_H, SUPPORT, ("ward", "station", "reparto", "patients", "patienten", "pacientes")),
    (_K, PARTIAL, (
        "nursery", "kindergarten", "daycare", "day care", "creche", "preschool", "childcare",
        "child care", "garderie", "ecole maternelle", "maternelle", "kita",
        "kindertagesstatte", "kinderkrippe", "krippe", "guarderia", "jardin de infancia",
        "escuela infantil", "asilo nido", "scuola materna", "scuola dell'infanzia",
        "jardim de infancia", "infantario", "kinderdagverblijf", "peuterspeelzaal",
        "kinderopvang")),
    (_R, STRONG, (
        "no photography", "no photograph", "no photographs", "no photos", "no cameras", "no camera",
        "no filming", "photography prohibited", "photography is prohibited",
        "photography not permitted", "photography is not permitted", "photography forbidden",
        "do not take photos", "do not take pictures", "photos interdites",
        "photographie interdite", "interdit de photographier", "interdiction de photographier",
        "fotografieren verboten", "fotografieren nicht erlaubt", "fotografieren untersagt",
        "keine fotos", "prohibido fotografiar", "prohibido tomar fotos",
        "prohibido hacer fotos", "prohibidas las fotografias", "vietato fotografare",
        "vietato fare foto", "vietato scattare fotografie", "vietate le fotografie",
        "proibido fotografar", "proibido tirar fotos", "proibido filmar", "niet fotograferen",
        "fotograferen verboden", "verboden te fotograferen")),
)
# Words that, next to "emergency", mean a way out and not a department.
_NOT_A_PLACE = ("exit", "sortie", "ausgang", "salida", "uscita", "saida", "nooduitgang")


def normalised(text: str) -> str:
    """Lower case, accents dropped, runs of anything but letters, digits, '&', '.' and an
    apostrophe turned into one space."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^a-z0-9&.']+", " ", plain).split())


def _pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    words = sorted({normalised(p) for p in phrases}, key=len, reverse=True)
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(re.escape(w) for w in words)
                      + r")(?![a-z0-9])")


_PATTERNS = tuple((kind, strength, _pattern(phrases)) for kind, strength, phrases in _SIGNS)


@dataclass(frozen=True)
class SignMatch:
    """One line of text that is a sign: which kind of place, how much it proves, the list's
    entry that matched (never the line's text) and the line's index in the reading."""

    kind: PlaceKind
    strength: float
    entry: str
    line: int


def _alone(entry: str, line: str) -> bool:
    """An abbreviation ("WC", "ICU", "A&E") is a sign only on a line of its own (beside an
    arrow or a number at most): inside other text it is as likely a code or a word cut short."""
    letters = sum(ch.isalpha() for ch in entry)
    return letters > 3 or sum(ch.isalpha() for ch in line) <= letters + 2


def find_signs(lines: Iterable[str]) -> tuple[SignMatch, ...]:
    """Every sign among ``lines`` (OCR lines), strongest first; a line counts once per kind."""
    found: dict[tuple[int, PlaceKind], SignMatch] = {}
    for index, text in enumerate(lines):
        plain = normalised(text)
        if not plain or any(word in plain.split() for word in _NOT_A_PLACE):
            continue
        for kind, strength, pattern in _PATTERNS:
            match = pattern.search(plain)
            key = (index, kind)
            if (match and _alone(match.group(0), plain)
                    and (key not in found or found[key].strength < strength)):
                found[key] = SignMatch(kind, strength, match.group(0), index)
    return tuple(sorted(found.values(), key=lambda m: (-m.strength, m.line)))
