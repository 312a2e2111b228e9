"""Other tools run side by side with vmscreen on the same images in the same run.

Each baseline has a ``name``, a ``version`` and ``detect(path) -> Hit``: the sensitive entity
types it found in the image and the time it took. A baseline whose software is not installed is
left out with a message naming what to install (see the README's Benchmarks section).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from benchmarks.baselines.base import Baseline, Hit

__all__ = ["Baseline", "Hit", "available_baselines"]


def available_baselines(cache_dir: str | None = None) -> Iterator[Baseline]:
    from benchmarks.baselines import ppocr, presidio, tesseract

    for module in (presidio, tesseract, ppocr):
        try:
            yield module.create(cache_dir)
        except (ImportError, OSError, RuntimeError) as exc:
            print(f"baseline {module.NAME} left out: {exc}", file=sys.stderr)
