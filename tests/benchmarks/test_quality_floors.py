"""The CI slice of the benchmark: quality must not drop below benchmarks/floors.toml.

Quality only, never time: this machine is shared and noisy.
"""

from __future__ import annotations

import pytest

from benchmarks import metrics
from benchmarks.sets import private, real
from tests.benchmarks.conftest import FLOORS
from vmscreen.engine.batch import BatchSettings, screen_files


def _check(scores: dict[str, metrics.CategoryScore], floors: dict[str, dict]) -> list[str]:
    failures = []
    for category, floor in floors.items():
        score = scores[category]
        if "min_recall" in floor and (score.recall or 0.0) < floor["min_recall"]:
            failures.append(f"{category} recall {score.recall} < {floor['min_recall']}")
        if "min_precision" in floor and (score.precision or 0.0) < floor["min_precision"]:
            failures.append(f"{category} precision {score.precision} < {floor['min_precision']}")
        if "max_false_positives" in floor and score.false_positives > floor["max_false_positives"]:
            failures.append(f"{category} flags {score.false_positives} files it should not "
                            f"> {floor['max_false_positives']}")
        rate = score.clean_fp_rate or 0.0
        if "max_clean_fp_rate" in floor and rate > floor["max_clean_fp_rate"]:
            failures.append(f"{category} flags {rate:.3f} of clean files "
                            f"> {floor['max_clean_fp_rate']}")
    return failures


def _check_cues(pairs: list, floors: dict[str, float]) -> list[str]:
    """Each copyright cue's recall floor (``cue.NAME``) and the clean files any cue may flag."""
    cues = metrics.cue_scores(pairs)
    failures = [f"{cue} recall {cues[cue]['recall']} < {floor}"
                for cue, floor in floors.items() if cue != "max_clean_flagged"
                and (cues[cue]["recall"] or 0.0) < floor]
    flagged = cues["any copyright cue"]["clean_flagged"]
    if flagged > floors.get("max_clean_flagged", 0):
        failures.append(f"copyright cues flag {flagged} clean files")
    return failures


def test_real_set_meets_its_floors():
    try:
        labels = real.load()
    except FileNotFoundError as exc:
        pytest.skip(str(exc))  # the shared data set is beside every checkout here, CI's too
    # Two worker processes, as `vmscreen scan` runs: the set is the suite's longest test.
    paths = {str(real.DEFAULT_ROOT / label.path): label for label in labels}
    pairs = [(paths[result.path], result)
             for result in screen_files(list(paths), BatchSettings(), jobs=2)]
    assert len(pairs) == len(labels)
    floors = {k: v for k, v in FLOORS["real"].items() if k != "cues"}
    failures = _check(metrics.category_scores(pairs), floors)
    failures += _check_cues(pairs, FLOORS["real"]["cues"])
    assert not failures, "; ".join(failures)


def test_private_place_set_meets_its_floors():
    try:
        labels = private.load()
    except FileNotFoundError as exc:
        pytest.skip(str(exc))
    paths = {str(private.DEFAULT_ROOT / label.path): label for label in labels}
    pairs = [(paths[result.path], result)
             for result in screen_files(list(paths), BatchSettings(), jobs=2)]
    assert len(pairs) == len(labels) and not metrics.unscreened(pairs)
    floors = {k: v for k, v in FLOORS["private"].items() if k != "kinds"}
    failures = _check(metrics.category_scores(pairs), floors)
    kinds = metrics.by_kind(pairs)
    for kind, floor in FLOORS["private"]["kinds"].items():
        row = kinds[kind]
        recall = (int(row["review"]) + int(row["reject"])) / int(row["files"])
        if recall < floor:
            failures.append(f"{kind} recall {recall:.2f} < {floor}")
    assert not failures, "; ".join(failures)


def test_synthetic_slice_meets_its_floors(synthetic_slice):
    root, labels = synthetic_slice
    paths = {str(root / label.path): label for label in labels}
    pairs = [(paths[result.path], result)
             for result in screen_files(list(paths), BatchSettings(), jobs=2)]
    assert not metrics.unscreened(pairs)
    floors = {k: v for k, v in FLOORS["synthetic-ci"].items() if k != "slice"}
    failures = _check(metrics.category_scores(pairs), floors)
    assert not failures, "; ".join(failures)


def test_check_reports_each_floor_it_misses():
    score = metrics.CategoryScore("copyright", positives=4, true_positives=1, false_positives=1,
                                  false_negatives=3, clean_files=10, clean_flagged=1)
    failures = _check({"copyright": score}, {"copyright": {
        "min_recall": 0.5, "min_precision": 0.9, "max_clean_fp_rate": 0.0}})
    assert len(failures) == 3 and failures[0].startswith("copyright recall 0.25")
