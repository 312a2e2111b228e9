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
    # OCR drops apostrophes ("D'IDENTITÉ" read "DIDENTITE") and splits long words
    # ("PERSONAL AUSWEIS"); folding has already dropped the accents ("IDENTITA'", "IDENTITÀ").
    "identity-card": ("identity card", "carte nationale d identite", "carte d identite",
                      "carte nationale didentite", "carte didentite", "personalausweis",
                      "personal ausweis", "documento nacional de identidad", "carta d identita",
                      "carta didentita", "carta di identita", "dowod osobisty",
                      "identiteitskaart", "bilhete de identidade", "cartao de cidadao",
                      "national identity", "id card", "identification card"),
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
    # German, French and Italian ID card fronts.
    "name", "vorname", "geburtsname", "geburtsdatum", "ausweisnummer", "prenom", "nee le",
    "sexe", "lieu de naissance", "nom d usage", "valable jusqu au", "nome",
    "luogo e data di nascita", "sesso", "statura", "scadenza", "comune di",
)
# Everyday words among the labels ("nome" and "sesso" are Italian for name and sex, "scadenza"
# is on every food pack): like the short labels, they count only beside a title or a label
# that is a document's alone.
COMMON_LABELS = frozenset({"sesso", "statura", "scadenza", "comune di"})
# The issuing state heads a national document: not a title (letters and coins carry it too),
# but document furniture that lets the labels beside it count.
ISSUERS: tuple[str, ...] = ("bundesrepublik deutschland", "republique francaise",
                            "repubblica italiana")
# The EU licence model numbers its fields instead of naming them: 1. surname, 2. given names,
# 3. birth, 4a-4c issue, expiry and authority, 5. number, 9. categories.
EU_LICENCE_FIELDS = re.compile(r"^(1|2|3|4a|4b|4c|4d|5|7|8|9)\.$")
_PASS_ALONE = "pass"  # too common a word by itself ("boarding pass"): needs field labels too
# Titles this long are still found one misread character away (``_has_title``): "passport"
# or "sex" one character off is another word, a title of three words is not.
FUZZY_TITLE = 16


def fold(text: str) -> str:
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


# An app or a web page that asks for a document names it in an instruction ("Scan the front
# of your ID card", "Take a photo of your passport") or a question ("Which document..."):
# a mention of a document, not a document.
INSTRUCTION = re.compile(
    r"\b(?:scan|take a (?:photo|picture)|photo of|picture of|upload|verify|photograph|hold|"
    r"position|choose|select|capture|tap|align|make sure|your|yours|"
    r"scannen|fotografieren|hochladen|ihre?n?|scannez|photographiez|prenez|choisissez|"
    r"selectionnez|votre|vos|scansiona|fotografa|carica|scegli|seleziona|tuo|tua)\b")
QUESTION = re.compile(r"\bwhich (?:document|id|type)|\b(?:choose|select) (?:a |an |your |the )?"
                      r"(?:document|id)\b|\bdocument type\b")
# What a form asks and a document never prints: a form's labels stand over empty fields.
FORM_WORDS: tuple[str, ...] = ("email", "e mail", "password", "username", "submit", "sign up",
                               "register", "first name", "last name", "enter your",
                               "phone number", "required")
# A date, or a code of six or more characters with four digits or more: a field's value.
VALUE = re.compile(r"\b(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}[./-]\d{1,2}[./-]\d{1,2})\b|"
                   r"\b(?=(?:[A-Z<]*\d){4})[A-Z0-9<]{6,}\b")


def _has(padded: str, phrases: Iterable[str]) -> bool:
    return any(f" {phrase} " in padded for phrase in phrases)


def _one_edit_apart(a: str, b: str) -> bool:
    """Whether ``a`` becomes ``b`` by at most one character replaced, added or dropped."""
    if abs(len(a) - len(b)) > 1:
        return False
    start = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y),
                 min(len(a), len(b)))
    return (a[start + 1:] == b[start + 1:] or a[start + 1:] == b[start:]
            or a[start:] == b[start + 1:])


def _has_title(padded: str, title: str) -> bool:
    """Whether ``title`` stands in the text, a long one (FUZZY_TITLE characters or more) also
    one misread character away inside it, its first word and last letter read right: the fast
    reading reads "CARTE NATIONALE D'IDENTITÉ" as "... D'IDENTTTÉ". A plural ("permanent
    residents") changes the last letter, and is no title."""
    if f" {title} " in padded:
        return True
    if len(title) < FUZZY_TITLE:
        return False
    first = f" {title.split()[0]} "
    at = padded.find(first)
    while at >= 0:
        rest = padded[at + 1:]
        for size in (len(title) - 1, len(title), len(title) + 1):
            if (rest[size:size + 1] == " " and rest[size - 1] == title[-1]
                    and _one_edit_apart(rest[:size], title)):
                return True
        at = padded.find(first, at + 1)
    return False


def _titled(padded: str) -> list[str]:
    """The kinds of document a line names by a title ('pass' alone aside)."""
    return [kind for kind, titles in TITLES.items()
            if any(_has_title(padded, title) for title in titles if title != _PASS_ALONE)]


def find_wording(lines: Iterable[str]) -> WordingMatch | None:
    lines = list(lines)
    numbered = {word.lower() for line in lines for word in line.split()
                if EU_LICENCE_FIELDS.match(word.lower())}
    folded = [fold(line) for line in lines]
    padded = " " + " | ".join(folded) + " "
    named: list[str] = []  # kinds titled on a line of their own or on the document's face
    mentioned: list[str] = []  # kinds named only in an instruction or beside a question
    if _titled(padded):  # most text names no document: spare it the line-by-line look
        asked = any(QUESTION.search(line) for line in folded)
        for line in folded:
            kinds = _titled(f" {line} ")
            (mentioned if asked or INSTRUCTION.search(line) else named).extend(kinds)
    labels = {label for label in FIELD_LABELS if f" {label} " in padded}
    labels |= {issuer for issuer in ISSUERS if f" {issuer} " in padded}
    valued = any(VALUE.search(line) for line in lines)
    # Short or everyday labels (ln, fn, exp, sex, nome, scadenza) count only beside a title or
    # a label that is a document's alone.
    distinctive = {label for label in labels if len(label) > 4 and label not in COMMON_LABELS}
    count = len(labels) if distinctive or named or mentioned else 0
    # A title met only in instructions, with no document's labels and no values, is a document
    # mentioned (a verification app's screen, a help page), not one shown.
    shown = named + mentioned if distinctive or valued else named
    documents = [kind for kind in TITLES if kind in shown]
    if " pass " in padded and not documents and count >= 3:
        documents.append("passport")
    if len(numbered) >= 4 and "driving-licence" not in documents:
        documents.append("driving-licence")
    # Labels over empty fields with a form's own words (email, password...) and no title are a
    # form to fill in, not a document.
    form = not documents and not valued and _has(padded, FORM_WORDS)
    if form or (not documents and count < 3):
        return None
    return WordingMatch(tuple(documents), count)


def wording_lines(lines: Iterable[str]) -> tuple[int, ...]:
    """Which lines hold a document title, a field label or a numbered licence field: where the
    wording that ``find_wording`` counts stands, so a copy can cover it."""
    found = []
    for index, line in enumerate(lines):
        padded = f" {fold(line)} "
        titled = any(_has_title(padded, title) for titles in TITLES.values() for title in titles)
        labelled = any(f" {label} " in padded for label in (*FIELD_LABELS, *ISSUERS))
        numbered = any(EU_LICENCE_FIELDS.match(word.lower()) for word in line.split())
        if titled or labelled or numbered:
            found.append(index)
    return tuple(found)
