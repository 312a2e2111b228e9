"""The real labelled set in ../shared/datasets/real, read in place and never copied.

Its labels.csv has one flag per visual or metadata property; this maps them onto vmscreen's
categories and the decision the default policy should reach.
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.labels import Label
from benchmarks.sets import shared_rows

DEFAULT_ROOT = Path(__file__).resolve().parents[3] / "shared" / "datasets" / "real"

# Flags whose presence the default policy rejects.
_REJECT_FLAGS = ("face", "id_document", "card_number", "nudity", "private_location")
# Flags the default policy sends to review at least: a watermark names no agency as often as
# it does, and a screenshot may show the contributor's own work.
_REVIEW_FLAGS = ("watermark", "screenshot", "copyright_meta")


def _categories(row: dict[str, str]) -> frozenset[str]:
    on = {key for key, value in row.items() if value == "1"}
    found = set()
    if "face" in on:
        found.add("other-people")
    if on & {"id_document", "card_number"}:
        found.add("sensitive-id")
    if "nudity" in on:
        found.add("sexual-content")
    if "private_location" in on:
        found.add("private-place")
    # Screenshots are media from apps and websites the contributor does not own (the copyright
    # clause).
    if on & {"watermark", "copyright_meta", "screenshot"}:
        found.add("copyright")
    if "gps" in on:
        found.add("metadata")
    return frozenset(found)


def _expected(row: dict[str, str]) -> str:
    if any(row.get(flag) == "1" for flag in _REJECT_FLAGS):
        return "reject"
    if any(row.get(flag) == "1" for flag in _REVIEW_FLAGS):
        return "review"  # an agency rejects, a personal notice reviews: review is the floor
    return "accept"


# The label columns that name a copyright cue (benchmarks.metrics.COPYRIGHT_CUES).
_CUE_COLUMNS = {"watermark": "watermark", "screenshot": "screenshot",
                "copyright_meta": "rights metadata"}


def _cues(row: dict[str, str]) -> str:
    return ",".join(cue for column, cue in _CUE_COLUMNS.items() if row.get(column) == "1")


def load(root: Path = DEFAULT_ROOT) -> list[Label]:
    """Labels with paths relative to ``root``. Raises FileNotFoundError when the set is absent."""
    rows = shared_rows(root, "real")
    return [
        Label(
            path=row["path"],
            categories=_categories(row),
            expected=_expected(row),
            kind=row["path"].split("/", 1)[0],
            visual=int(row.get("width") or 0) >= 100,
            notes=row.get("notes", ""),
            extra={"cues": _cues(row)},
        )
        for row in rows
    ]
