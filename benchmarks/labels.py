"""The label schema every benchmark set writes and the runner reads.

One CSV row per file: its path relative to the set's root, a 0/1 flag per category (the fixed
strings of vmscreen.Category), the decision a correct screen should reach, a free-text ``kind``
naming what the file is (``card-visa``, ``mrz-td3``, ``negative-luhn-fail``...), and ``visual``
(0 for files that exist only for their metadata, which visual metrics leave out).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

CATEGORIES: tuple[str, ...] = (
    "private-place", "sensitive-id", "sexual-content", "copyright", "other-people", "metadata",
)
DECISIONS = ("accept", "review", "reject")
COLUMNS = ("path", *CATEGORIES, "expected", "kind", "visual", "notes")


@dataclass(frozen=True)
class Label:
    path: str
    categories: frozenset[str]
    expected: str
    kind: str = ""
    visual: bool = True
    notes: str = ""
    extra: Mapping[str, str] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        unknown = set(self.categories) - set(CATEGORIES)
        if unknown:
            raise ValueError(f"{self.path}: unknown categories {sorted(unknown)}")
        if self.expected not in DECISIONS:
            raise ValueError(f"{self.path}: expected must be one of {DECISIONS}")

    @property
    def clean(self) -> bool:
        """No category at all, metadata included."""
        return not self.categories

    def to_row(self) -> dict[str, str]:
        row = {"path": self.path, "expected": self.expected, "kind": self.kind,
               "visual": "1" if self.visual else "0", "notes": self.notes}
        row.update({c: "1" if c in self.categories else "0" for c in CATEGORIES})
        return row


def write_labels(path: Path, labels: Iterable[Label]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for label in sorted(labels, key=lambda item: item.path):
            writer.writerow(label.to_row())


def read_labels(path: Path) -> list[Label]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [
            Label(
                path=row["path"],
                categories=frozenset(c for c in CATEGORIES if row.get(c) == "1"),
                expected=row["expected"],
                kind=row.get("kind", ""),
                visual=row.get("visual", "1") != "0",
                notes=row.get("notes", ""),
            )
            for row in csv.DictReader(handle)
        ]
