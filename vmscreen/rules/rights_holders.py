"""Tell a stock or news agency apart from an organisation and from a personal name.

Rights metadata naming Getty Images or Reuters means the photo was taken from a publication or
a stock library; a personal name is often the contributor's own. The score says which. The
agencies are the shared list of ``vmscreen.rules.agencies``, which the watermark rule reads too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vmscreen.rules.agencies import AGENCIES, CASE_SENSITIVE

_AGENCY_PATTERNS = tuple(
    (name, re.compile(r"(?<![\w])" + re.escape(name) + r"(?![\w])", re.IGNORECASE))
    for name in sorted(AGENCIES, key=len, reverse=True)
)

_ORGANISATION = re.compile(
    r"\b(inc|ltd|llc|llp|gmbh|ag|s\.?a\.?|s\.?l\.?|b\.?v\.?|plc|corp(oration)?|company|co\.|"
    r"media|news|press|photography|photos?|pictures|images|studios?|agency|films?|"
    r"productions?|records|publishing|publishers|magazine|times|post|daily|network|tv|"
    r"broadcasting|entertainment|group|foundation|museum|archive|library|university)\b",
    re.IGNORECASE,
)
_NOTICE_WORDS = re.compile(r"copyright|all rights reserved|\(c\)|\d{4}", re.IGNORECASE)


@dataclass(frozen=True)
class RightsHolder:
    kind: str  # "agency" | "organisation" | "supplier" | "notice" | "person" | "creator"
    score: float
    agency: str | None = None


def _agency(text: str) -> str | None:
    for name, pattern in _AGENCY_PATTERNS:
        match = pattern.search(text)
        if match and (name not in CASE_SENSITIVE or match.group(0) == name):
            return name
    return None


def classify_rights_holder(text: str, role: str = "notice") -> RightsHolder:
    """Classify one value by what it names and the role of its field.

    ``role`` is "notice" (Copyright, dc:rights, CopyrightNotice), "supplier" (IPTC Credit and
    Source, filled in by picture desks) or "creator" (Artist, dc:creator, By-line). A creator
    field holding a personal name is usually the photographer's camera setting, often the
    contributor's own: it scores lowest.
    """
    agency = _agency(text)
    if agency:
        return RightsHolder("agency", 0.95, agency)
    if _ORGANISATION.search(text):
        return RightsHolder("organisation", 0.75)
    if role == "supplier":
        return RightsHolder("supplier", 0.6)
    if not any(ch.isalpha() for ch in _NOTICE_WORDS.sub("", text)):  # nothing but the notice
        return RightsHolder("notice", 0.5)
    if role == "notice":
        return RightsHolder("person", 0.5)
    return RightsHolder("creator", 0.3)
