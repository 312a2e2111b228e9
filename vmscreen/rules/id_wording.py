"""The wording of identity documents in several languages: titles (passport, identity card,
driving licence, social security card) and the labels of their fields (surname, date of
birth, nationality...). Words on a document, not numbers, so a photo of one is found even when
its number is out of focus; on their own they are a weaker cue than a valid number or MRZ.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

TITLES: dict[str, tuple[str, ...]] = {
    "passport": ("passport", "passeport", "reisepass", "pasaporte", "passaporto", "paspoort",
                 "paszport", "passaporte", "pass"),
    "identity-card": ("identity card", "carte nationale d identite", "carte d identite",
                      "personalausweis", "documento nacional de identidad", "carta d identita",
                      "dowod osobisty", "identiteitskaart", "bilhete de identidade",
                      "cartao de cidadao", "national identity", "id card", "identification card"),
    "driving-licence": ("driver license", "drivers license", "driver s license",
                        "driving licence", "fuhrerschein", "permis de conduire",
                        "permiso de conduccion", "patente di guida", "rijbewijs",
                        "prawo jazdy", "carta de conducao", "korkort"),
    "social-security-card": ("social security", "this number has been established for"),
    "residence-permit": ("residence permit", "aufenthaltstitel", "titre de sejour",
                         "permesso di soggiorno", "permanent resident"),
}
FIELD_LABELS: tuple[str, ...] = (
    "surname", "given names", "given name", "date of birth", "place of birth", "nationality",
    "date of expiry", "date of issue", "sex", "authority", "nom", "prenoms", "ne e le",
    "nationalite", "date de naissance", "date d expiration", "geburtstag", "geburtsort",
    "staatsangehorigkeit", "vornamen", "gultig bis", "apellidos", "nombre", "fecha de nacimiento",
    "nacionalidad", "cognome", "data di nascita", "cittadinanza", "dob", "exp", "ln", "fn",
    "class", "hgt", "eyes", "restrictions", "endorsements", "iss", "4a", "4b", "4c",
)
# The EU licence model numbers its fields instead of naming them: 1. surname, 2. given names,
# 3. birth, 4a-4c issue, expiry and authority, 5. number, 9. categories.
EU_LICENCE_FIELDS = re.compile(r"^(1|2|3|4a|4b|4c|4d|5|7|8|9)\.$")
_PASS_ALONE = "pass"  # too common a word by itself ("boarding pass"): needs field labels too


def _fold(text: str) -> str:
    """Lower case, accents dropped, punctuation to spaces: 'Né(e) le' -> 'ne e le'."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", plain.lower()).strip()


@dataclass(frozen=True)
class WordingMatch:
    documents: tuple[str, ...]  # kinds of document named by a title
    labels: int  # distinct field labels seen

    @property
    def score(self) -> float:
        if self.documents and self.labels >= 2:
            return 0.85
        if self.documents:
            return 0.65
        return min(0.6, 0.15 * self.labels)


def find_wording(lines: Iterable[str]) -> WordingMatch | None:
    lines = list(lines)
    numbered = {word.lower() for line in lines for word in line.split()
                if EU_LICENCE_FIELDS.match(word.lower())}
    folded = [_fold(line) for line in lines]
    padded = " " + " | ".join(folded) + " "
    documents = []
    for kind, titles in TITLES.items():
        if any(f" {title} " in padded for title in titles if title != _PASS_ALONE):
            documents.append(kind)
    labels = {label for label in FIELD_LABELS if f" {label} " in padded}
    if " pass " in padded and not documents and len(labels) >= 3:
        documents.append("passport")
    if len(numbered) >= 4 and "driving-licence" not in documents:
        documents.append("driving-licence")
    # Short labels (ln, fn, exp, sex) are common words: count them only beside longer ones.
    long_labels = {label for label in labels if len(label) > 4}
    count = len(labels) if long_labels else 0
    if not documents and count < 3:
        return None
    return WordingMatch(tuple(documents), count)


def wording_lines(lines: Iterable[str]) -> tuple[int, ...]:
    """Which lines hold a document title, a field label or a numbered licence field: where the
    wording that ``find_wording`` counts stands, so a copy can cover it."""
    found = []
    for index, line in enumerate(lines):
        padded = f" {_fold(line)} "
        titled = any(f" {title} " in padded for titles in TITLES.values() for title in titles)
        labelled = any(f" {label} " in padded for label in FIELD_LABELS)
        numbered = any(EU_LICENCE_FIELDS.match(word.lower()) for word in line.split())
        if titled or labelled or numbered:
            found.append(index)
    return tuple(found)
