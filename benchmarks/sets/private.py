"""The private-place set in ../shared/datasets/private, read in place and never copied: 44
photos of bathrooms, showers, locker rooms, wards and childcare rooms, 10 bedrooms and 36 rooms
that share objects with them (kitchens with sinks, laundromats, salons...). Most are 128 or 256
pixel thumbnails.

A private place should be flagged (the default policy rejects what is sure and sends the rest
to review: either counts as found); a bedroom is reported under its own code and accepted, so
it is expected to pass, like the other rooms. The ``kind`` column gives recall per kind.
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.labels import Label
from benchmarks.sets import shared_rows

DEFAULT_ROOT = Path(__file__).resolve().parents[3] / "shared" / "datasets" / "private"


def load(root: Path = DEFAULT_ROOT) -> list[Label]:
    """Labels with paths relative to ``root``. Raises FileNotFoundError when the set is absent."""
    rows = shared_rows(root, "private-place")
    return [
        Label(
            path=row["file"],
            categories=frozenset({"private-place"}) if row["label"] == "1" else frozenset(),
            expected="reject" if row["label"] == "1" else "accept",
            kind=("private-" if row["label"] == "1" else "") + row["kind"],
            notes=row.get("notes", ""),
        )
        for row in rows
    ]
