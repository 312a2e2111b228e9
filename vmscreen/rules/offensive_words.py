"""Offensive wording: whole words of a text against a word list, minus the words a context
makes innocent (an identity document's field label "Sex", ICAO's nationality code "XXX"), and
the field label "Sex" of a form: a line that is only the label, perhaps with its value."""

from __future__ import annotations

import re
from collections.abc import Iterable

from vmscreen.rules.id_wording import fold

_WORD = re.compile(r"[a-z0-9]+")

# Words of common lists that an identity document prints as a field label or a code.
DOCUMENT_WORDS = frozenset({"sex", "xxx"})

# The label "Sex" as forms and documents print it, in English, French, Italian and German, and
# the answers that follow it.
SEX_LABELS = frozenset({"sex", "sexe", "sesso", "geschlecht"})
SEX_VALUES = frozenset({"m", "f", "x", "d", "male", "female", "man", "woman", "other",
                        "diverse", "divers", "mann", "frau", "mannlich", "weiblich", "homme",
                        "femme", "masculin", "feminin", "maschio", "femmina"})
# Labels of other fields of a form or a document: beside one of them, "Sex" is a field too.
FORM_LABELS: tuple[str, ...] = (
    "date of birth", "birth date", "first name", "last name", "full name", "name", "surname",
    "given names", "given name", "gender", "email", "e mail", "address", "phone", "nationality",
    "date de naissance", "nom", "prenom", "prenoms",
    "geburtsdatum", "vorname", "nachname", "cognome", "nome", "data di nascita",
)


def form_labels(lines: Iterable[str]) -> bool:
    """Whether a line is a form's or a document's field label other than "Sex": the label and
    at most two more words ("Date of birth *", "Email address"), not a sentence holding it."""
    for line in lines:
        folded = f" {fold(line)} "
        for label in FORM_LABELS:
            if f" {label} " in folded and len(folded.split()) <= len(label.split()) + 2:
                return True
    return False


def sex_label(text: str, beside_labels: bool) -> bool:
    """Whether the line is the field label "Sex" (or "Sexe", "Sesso", "Geschlecht") and
    nothing else: the label, other field labels and the answer (M, F, Female, X...), where the
    line marks it as a label (':', '*', an answer, another label) or the frame holds other
    labels (``beside_labels``). "Sex shop", "free sex" or a sentence using the word hold
    other words, and stay offensive."""
    folded = fold(text)
    words = folded.split()
    if not SEX_LABELS.intersection(words):
        return False
    rest = f" {folded} "
    for label in sorted(FORM_LABELS, key=len, reverse=True):
        rest = rest.replace(f" {label} ", " ")
    others = [word for word in rest.split() if word not in SEX_LABELS]
    if any(word not in SEX_VALUES for word in others):
        return False
    marked = bool(others) or len(rest.split()) < len(words) or bool(re.search(r"[:*]", text))
    return marked or beside_labels


def word_set(lines: Iterable[str]) -> frozenset[str]:
    """A word list's lines (one word or phrase a line) as a set of lower-case entries."""
    return frozenset(line.strip().lower() for line in lines if line.strip())


def offensive(text: str, words: frozenset[str], ignored: frozenset[str] = frozenset()) -> bool:
    """Whether a whole word of ``text`` is on the list ("assessment" does not hold "ass")."""
    return any(word in words and word not in ignored for word in _WORD.findall(text.lower()))
