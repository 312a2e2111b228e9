"""Is a line of text read from a picture a watermark: an agency's mark, a copyright notice, a
site's address, a photographer's credit, or a "SAMPLE" / "PREVIEW" / "PROOF" stamp?

Watermarks are printed faint, tilted and tiled, so OCR reads them with slips: a letter
misread ("shutterstosk"), spaces lost ("DEMOPURPOSES"), case and accents gone ("choTOT" for
"Chợ Tốt"). Long agency and marketplace names are matched within one or two edits of their
spelling, spaces and punctuation ignored; short names, and names that are also ordinary words
("Keystone", "Granger"), only as written, whole, and the ordinary words only beside a notice
or a credit. The agency names are the shared list of ``vmscreen.rules.agencies``.

Pure: text and numbers in, a verdict out.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from itertools import pairwise

from vmscreen.rules.agencies import AGENCIES, CASE_SENSITIVE, MARKETPLACES

# Scores by kind: an agency's or a marketplace's name is the strongest sign that a picture was
# taken from a library or a listing; a notice, an address, a credit or a stamp says someone
# else's mark is on it, but it may be the contributor's own.
SCORES: dict[str, float] = {"agency": 0.92, "marketplace": 0.85, "notice": 0.7, "url": 0.7,
                            "credit": 0.7, "stamp": 0.7}

# Agency names that are also ordinary words, brands or surnames: seen on a sign or a
# product, they count only on a line that also holds a notice or a credit.
ORDINARY_NAMES: frozenset[str] = frozenset({
    "Offset", "Cultura", "Keystone", "Granger", "Bloomberg", "Image Source", "Canva", "Belga",
    "Sipa", "Anadolu", "Imago", "Magnum Photos", "Mary Evans", "Pond5", "Envato", "Caiaimage",
    "Tetra Images", "Blend Images", "Corbis", "Xinhua", "Kyodo", "Yonhap", "Ritzau", "Avito",
})
FUZZY_MIN = 6  # names this long (letters and digits) or longer are matched with slips
# Names one slip away from a common word ("pixels", "in stock", "stocks", "routers", "a photo",
# "your photo"): matched as written.
EXACT_ONLY: frozenset[str] = frozenset({"Pexels", "iStock", "Stocksy", "Pixabay", "Alamy",
                                      "Reuters", "AP Photo", "PA Wire", "PA Images", "EPA-EFE",
                                      "SOPA Images", "ZUMA Wire", "Granger", "NurPhoto"})


@dataclass(frozen=True)
class WatermarkText:
    """What a line is, how strongly that says "someone else's picture", and the agency or
    marketplace it names (from our list: never the line's own text)."""

    kind: str  # "agency" | "marketplace" | "notice" | "url" | "credit" | "stamp"
    score: float
    name: str | None = None


def _plain(text: str) -> str:
    """Lower case without accents; 'đ' and 'ø' as the letters they look like."""
    decomposed = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D")
                                       .replace("ø", "o").replace("Ø", "O"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def _squashed(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", _plain(text))


def _pieces(needle: str, count: int) -> tuple[str, ...]:
    """``needle`` cut into ``count`` runs of near-equal length."""
    cuts = [round(i * len(needle) / count) for i in range(count + 1)]
    return tuple(needle[start:end] for start, end in pairwise(cuts))


def _near_substring(needle: str, haystack: str, slips: int) -> bool:
    """Whether some run of ``haystack`` is within ``slips`` edits of ``needle`` (Sellers)."""
    if needle in haystack:
        return True
    if slips == 0 or len(haystack) < len(needle) - slips:
        return False
    # Each edit spoils at most one of slips + 1 pieces of the needle, so a match holds one of
    # them exactly. Checking that first skips the quadratic search on almost every line: it
    # took 7% of a card photo's screen, every agency name against every line.
    if not any(piece in haystack for piece in _pieces(needle, slips + 1)):
        return False
    previous = list(range(len(needle) + 1))
    for char in haystack:
        current = [0]
        for i, wanted in enumerate(needle, 1):
            current.append(min(previous[i] + 1, current[i - 1] + 1,
                               previous[i - 1] + (wanted != char)))
        if current[-1] <= slips:
            return True
        previous = current
    return False


def _slips(length: int) -> int:
    return 0 if length < FUZZY_MIN else 1 if length < 10 else 2


@dataclass(frozen=True)
class _Name:
    name: str
    kind: str
    squashed: str
    exact: re.Pattern[str]
    case_sensitive: bool
    ordinary: bool
    exact_only: bool


def _names() -> tuple[_Name, ...]:
    names = []
    for kind, listed in (("agency", AGENCIES), ("marketplace", MARKETPLACES)):
        for name in listed:
            plain = _plain(name)
            pattern = r"(?<![0-9a-z])" + re.escape(plain).replace(r"\ ", r"\s*") + r"(?![0-9a-z])"
            names.append(_Name(name, kind, _squashed(name), re.compile(pattern),
                               name in CASE_SENSITIVE, name in ORDINARY_NAMES,
                               name in EXACT_ONLY or name in ORDINARY_NAMES))
    return tuple(sorted(names, key=lambda n: len(n.squashed), reverse=True))


_NAMES = _names()

_NOTICE = re.compile(r"©|\(c\)\s*\d{4}|\bcopy\s*right|\ball\s*rights\s*reserved|\bcopyrighted",
                     re.IGNORECASE)
_NOTICE_SQUASHED = ("copyright", "allrightsreserved")
_URL = re.compile(
    r"\b(?:https?\s*[:;]\s*//|www\s*[.,]\s*)[0-9a-z-]{2,}"
    r"|\b[0-9a-z][0-9a-z-]{1,40}\s?[.,]\s?(?:com|net|org|cn|vn|info|biz|io|co\.uk)\b"
    r"(?!\s?[.,]\s?\w)"
    # A Chinese site's name: a few characters ending in "net" (网, 網), as news sites sign.
    r"|^\s*(?!互联)[\u4e00-\u9fff]{2,8}[网網]\s*$",
    re.IGNORECASE)
# Country and new top-level domains that end ordinary words run together by OCR ("Noms.de"):
# an address only as addresses are written, in lower case.
_LOWER_URL = re.compile(
    r"\b[0-9a-z][0-9a-z-]{1,40}\.(?:co|de|ru|jp|fr|it|es|nl|pl|br|in|au|me|tv|photo|photos|"
    r"pics|studio|art|gallery)\b(?!\.\w)")
_CREDIT = re.compile(
    r"\b(?:photo(?:graph)?s?|images?|pictures?|foto|shot|taken)\s*(?:by|:)\s*\w"
    r"|\b(?:credit|courtesy|ph)\s*:\s*\w|\bphotography\b|\bfotografie\b|\bfotograf[ií]a\b",
    re.IGNORECASE)
_STAMP_WORDS = re.compile(
    r"\b(?:preview|proof|proofs|watermark(?:ed)?|unlicensed|comp image|"
    r"do\s*not\s*(?:copy|use|reproduce)|not\s*for\s*(?:sale|use|reproduction)|"
    r"for\s*review\s*only|demo\s*(?:purposes?|only|version|use)|for\s*demo)\b",
    re.IGNORECASE)
# "SAMPLE" over a photo is a stamp; on an identity document it is the specimen's own print.
_SAMPLE = re.compile(r"\bsamples?\b", re.IGNORECASE)
# The same words where OCR lost the spaces between them.
_STAMP_SQUASHED = ("demopurpose", "fordemo", "demoonly", "donotcopy", "donotreproduce",
                   "notforsale", "watermark", "forreviewonly")


def _named(text: str, squashed: str, with_notice: bool) -> _Name | None:
    """The listed name the line holds: as written first, then (long names) with slips."""
    plain = _plain(text)
    candidates = [entry for entry in _NAMES if with_notice or not entry.ordinary]
    for entry in candidates:
        if entry.case_sensitive:
            if re.search(r"(?<![0-9A-Za-z])" + re.escape(entry.name) + r"(?![0-9A-Za-z])", text):
                return entry
        elif entry.exact.search(plain) or (not entry.exact_only and entry.squashed in squashed):
            return entry
    for entry in candidates:
        slips = _slips(len(entry.squashed))
        if not (entry.case_sensitive or entry.exact_only or slips == 0) \
                and _near_substring(entry.squashed, squashed, slips):
            return entry
    return None


def classify_watermark_text(text: str, *, on_document: bool = False) -> WatermarkText | None:
    """What kind of watermark ``text`` (one OCR line) is, or None when it reads as none.
    ``on_document``: the picture shows an identity document, whose specimens print "SAMPLE"."""
    squashed = _squashed(text)
    if not text.strip():
        return None
    notice = bool(_NOTICE.search(text)) or any(_near_substring(word, squashed, 1)
                                              for word in _NOTICE_SQUASHED)
    credit = bool(_CREDIT.search(_plain(text)))
    entry = _named(text, squashed, notice or credit)
    if entry is not None:
        return WatermarkText(entry.kind, SCORES[entry.kind], entry.name)
    if notice:
        return WatermarkText("notice", SCORES["notice"])
    if _URL.search(_plain(text)) or _LOWER_URL.search(text):
        return WatermarkText("url", SCORES["url"])
    if credit:
        return WatermarkText("credit", SCORES["credit"])
    if _STAMP_WORDS.search(_plain(text)) or any(word in squashed for word in _STAMP_SQUASHED) \
            or (not on_document and _SAMPLE.search(text)):
        return WatermarkText("stamp", SCORES["stamp"])
    return None


# Words that sit in a frame's corner without being anyone's mark over the picture: the
# scheme on a payment card photographed edge to edge, a document's title, and the maker's name
# that trail and dash cameras print on their own pictures.
NOT_MARKS: frozenset[str] = frozenset({
    "visa", "mastercard", "maestro", "unionpay", "amex", "americanexpress", "discover", "jcb",
    "dinersclub", "mir", "rupay", "passport", "passeport", "pass", "reisepass", "pasaporte",
    "reconyx", "bushnell", "browning", "stealthcam", "moultrie", "spypoint", "cuddeback",
    "gopro", "garmin", "nextbase", "viofo", "blackvue", "thinkware",
})


def ordinary_corner_word(text: str) -> bool:
    """Whether a word alone in a corner is one of NOT_MARKS (or a run of them: 'PASS·PASS')."""
    words = [w for w in re.split(r"[^0-9a-z]+", _plain(text)) if w]
    return bool(words) and all(word in NOT_MARKS for word in words)


def in_corner(box: tuple[float, float, float, float], width: float, height: float, *,
              margin: float = 0.12, max_share: float = 0.35) -> bool:
    """Whether a box (x0, y0, x1, y1) sits in a corner of a ``width`` x ``height`` frame: both
    its edges within ``margin`` of the frame's edges, and no wider than ``max_share`` of it.
    Marks, site logos and credit lines sit there; a scene's text rarely hugs a corner."""
    x0, y0, x1, y1 = box
    near_x = x0 <= width * margin or x1 >= width * (1 - margin)
    near_y = y0 <= height * margin or y1 >= height * (1 - margin)
    return near_x and near_y and (x1 - x0) <= width * max_share
