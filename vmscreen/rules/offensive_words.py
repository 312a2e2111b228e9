"""Offensive wording: whole words of a text against a word list, minus the words a context
makes innocent (an identity document's field label "Sex", ICAO's nationality code "XXX")."""

from __future__ import annotations

import re
from collections.abc import Iterable

_WORD = re.compile(r"[a-z0-9]+")

# Words of common lists that an identity document prints as a field label or a code.
DOCUMENT_WORDS = frozenset({"sex", "xxx"})


def word_set(lines: Iterable[str]) -> frozenset[str]:
    """A word list's lines (one word or phrase a line) as a set of lower-case entries."""
    return frozenset(line.strip().lower() for line in lines if line.strip())


def offensive(text: str, words: frozenset[str], ignored: frozenset[str] = frozenset()) -> bool:
    """Whether a whole word of ``text`` is on the list ("assessment" does not hold "ass")."""
    return any(word in words and word not in ignored for word in _WORD.findall(text.lower()))
