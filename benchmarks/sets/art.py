"""The art set in ../shared/datasets/art, read in place and never copied: 43 images for
sexual-content detection beyond photographs. 14 depict adult nudity in art (public-domain
paintings, photos of sculptures); 29 do not: clothed works by the same artists (portraits,
landscapes, still lifes, a clothed sculpture) and modern photos of clothed adults in swimwear,
sportswear and dresses, the look-alikes a skin-tone detector confuses with nudity.

Nudity in an artwork is sent to review (it is not rejected outright), so those images are
expected to reach review and carry sexual-content. The modern photos (kinds ``photo_*``) show
real adults, so they carry other-people and are expected rejected, as any photo of a stranger
is; the clothed artworks are clean and expected to pass: a painted or sculpted face is nobody
who could be identified.
Besides the usual tables, the runner measures for this set (metrics.art_measures): nudity
recall (a nude with any sexual-content finding: SEX101, SEX102, NUD101), the clothed images
that get such a finding, and the painted or sculpted figures reported as people (FAC101
identifiable face, PER101 person) although nobody real is shown. The ``kind`` column (painting,
sculpture, landscape, photo_swimwear...) gives the decisions per kind.
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.labels import Label
from benchmarks.sets import shared_rows

DEFAULT_ROOT = Path(__file__).resolve().parents[3] / "shared" / "datasets" / "art"


def load(root: Path = DEFAULT_ROOT) -> list[Label]:
    """Labels with paths relative to ``root``. Raises FileNotFoundError when the set is absent."""
    rows = shared_rows(root, "art")
    return [_label(row) for row in rows]


def _label(row: dict[str, str]) -> Label:
    nude, photo = row["nudity"] == "1", row["kind"].startswith("photo")
    categories = {"sexual-content"} if nude else set()
    if photo:
        categories.add("other-people")
    return Label(path=row["file"], categories=frozenset(categories),
                 expected="reject" if photo else "review" if nude else "accept",
                 kind=row["kind"], notes=row.get("notes") or "")
