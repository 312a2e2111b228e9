"""The CI slice of the benchmark: quality must not drop below benchmarks/floors.toml.

Quality only, never time: this machine is shared and noisy.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from benchmarks import metrics
from benchmarks.sets import real
from vmscreen import Screener

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FLOORS = tomllib.loads(
    (Path(__file__).resolve().parents[2] / "benchmarks" / "floors.toml").read_text()
)


def _check(scores: dict[str, metrics.CategoryScore], floors: dict[str, dict]) -> list[str]:
    failures = []
    for category, floor in floors.items():
        score = scores[category]
        if "min_recall" in floor and (score.recall or 0.0) < floor["min_recall"]:
            failures.append(f"{category} recall {score.recall} < {floor['min_recall']}")
        if "min_precision" in floor and (score.precision or 0.0) < floor["min_precision"]:
            failures.append(f"{category} precision {score.precision} < {floor['min_precision']}")
        rate = score.clean_fp_rate or 0.0
        if "max_clean_fp_rate" in floor and rate > floor["max_clean_fp_rate"]:
            failures.append(f"{category} flags {rate:.3f} of clean files "
                            f"> {floor['max_clean_fp_rate']}")
    return failures


def test_real_set_meets_its_floors():
    try:
        labels = real.load()
    except FileNotFoundError as exc:
        pytest.skip(str(exc))  # the shared data set is beside every checkout here, CI's too
    screener = Screener()
    pairs = [(label, screener.screen(real.DEFAULT_ROOT / label.path)) for label in labels]
    failures = _check(metrics.category_scores(pairs), FLOORS["real"])
    assert not failures, "; ".join(failures)
