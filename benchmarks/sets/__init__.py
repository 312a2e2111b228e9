"""Labelled benchmark sets: synthetic, real, private, art, public."""

from __future__ import annotations

import csv
from pathlib import Path


def shared_rows(root: Path, name: str) -> list[dict[str, str]]:
    """The rows of a shared dataset's labels.csv (read in place). Raises FileNotFoundError,
    naming the set, when it is absent."""
    labels_csv = root / "labels.csv"
    if not labels_csv.exists():
        raise FileNotFoundError(f"the {name} set is not at {root} (no labels.csv)")
    with labels_csv.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))
