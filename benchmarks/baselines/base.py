"""The shape every baseline shares: one call per image, timed, failures recorded not raised."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


@dataclass(frozen=True)
class Hit:
    entities: frozenset[str]
    ms: float
    error: str | None = None


class Baseline(Protocol):
    name: str
    version: str

    def detect(self, path: Path) -> Hit: ...


def timed(find: Callable[[Path], frozenset[str]], path: Path) -> Hit:
    """Run ``find`` on one image; an exception is a miss with its type recorded, not a crash."""
    start = time.perf_counter()
    try:
        entities = find(path)
    except Exception as exc:  # noqa: BLE001 - a baseline failing on one image is a data point
        return Hit(frozenset(), (time.perf_counter() - start) * 1000, type(exc).__name__)
    return Hit(entities, (time.perf_counter() - start) * 1000)
