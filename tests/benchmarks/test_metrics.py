"""Benchmark metrics on hand-made results: the numbers a reader of the table relies on."""

from __future__ import annotations

import pytest

from benchmarks import metrics, report
from benchmarks.labels import Label, read_labels, write_labels
from vmscreen import Category, Finding, default_policy
from vmscreen.result import Result


def _result(path: str, *findings: Finding) -> Result:
    return Result.decided(path, default_policy(), findings)


def _finding(code: str, category: Category, score: float = 1.0) -> Finding:
    return Finding(code, "test-finding", category, "test", score, "")


def _label(path: str, *categories: str, expected: str = "accept", visual: bool = True) -> Label:
    return Label(path, frozenset(categories), expected, visual=visual)


def test_category_scores_count_flags_not_mere_findings():
    pairs = [
        (_label("a", "copyright", expected="reject"),
         _result("a", _finding("CPR101", Category.COPYRIGHT, 0.95))),
        # A creator name alone (0.3) is reported but the policy does not act on it: a miss.
        (_label("b", "copyright", expected="review"),
         _result("b", _finding("CPR101", Category.COPYRIGHT, 0.3))),
        (_label("c"), _result("c", _finding("CPR101", Category.COPYRIGHT, 0.5))),  # false alarm
        (_label("d"), _result("d")),
        (_label("e", "metadata", visual=False),
         _result("e", _finding("MET101", Category.METADATA))),
    ]
    scores = metrics.category_scores(pairs)
    copyright = scores["copyright"]
    assert (copyright.positives, copyright.true_positives) == (2, 1)
    assert (copyright.false_positives, copyright.false_negatives) == (1, 1)
    assert copyright.recall == 0.5 and copyright.precision == 0.5
    assert (copyright.clean_files, copyright.clean_flagged) == (2, 1)
    assert scores["metadata"].recall == 1.0  # metadata fixtures count for the metadata category
    assert scores["sensitive-id"].recall is None  # no positives: no number, not a fake 0 or 1


def test_unscreened_is_not_a_category_flag_but_is_listed():
    pair = (_label("x"), _result("x", _finding("UNS001", Category.UNSCREENED)))
    assert metrics.flagged_categories(pair[1]) == frozenset()
    assert metrics.unscreened([pair])[0]["code"] == "UNS001"
    assert metrics.decision_confusion([pair])["accept"]["review"] == 1


def test_median_p95():
    stats = metrics.median_p95([float(v) for v in range(1, 101)])
    assert stats["median"] == 50.5 and stats["p95"] == 95.0 and stats["n"] == 100
    assert metrics.median_p95([])["median"] is None


def test_labels_round_trip_and_validate(tmp_path):
    labels = [_label("b.jpg", "sensitive-id", expected="reject"),
              _label("a.jpg", visual=False)]
    write_labels(tmp_path / "labels.csv", labels)
    assert read_labels(tmp_path / "labels.csv") == sorted(labels, key=lambda item: item.path)
    with pytest.raises(ValueError):
        Label("c.jpg", frozenset({"faces"}), "accept")
    with pytest.raises(ValueError):
        Label("c.jpg", frozenset(), "maybe")


def test_readme_section_is_replaced_between_markers(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(f"intro\n{report.README_START}\nold\n{report.README_END}\noutro\n")
    report.update_readme(readme, "| new | table |")
    assert readme.read_text() == (
        f"intro\n{report.README_START}\n| new | table |\n{report.README_END}\noutro\n"
    )
    (tmp_path / "bare.md").write_text("no markers")
    with pytest.raises(ValueError):
        report.update_readme(tmp_path / "bare.md", "x")


def test_copyright_cues_are_scored_each_on_its_own_and_together():
    watermarked = Label("w", frozenset({"copyright"}), "reject", extra={"cues": "watermark"})
    screenshot = Label("s", frozenset({"copyright"}), "reject", extra={"cues": "screenshot"})
    pairs = [
        (watermarked, _result("w", _finding("WMK101", Category.COPYRIGHT, 0.95))),
        (screenshot, _result("s")),  # missed
        # The synthetic set names its cue by the kind of file.
        (Label("k", frozenset({"copyright"}), "reject", kind="watermark-stock"),
         _result("k", _finding("SCR101", Category.COPYRIGHT, 0.7))),
        (_label("c1"), _result("c1", _finding("SCR101", Category.COPYRIGHT, 0.7))),
        (_label("c2"), _result("c2")),
    ]
    cues = metrics.cue_scores(pairs)
    assert (cues["watermark"]["positives"], cues["watermark"]["found"]) == (2, 1)
    assert (cues["screenshot"]["positives"], cues["screenshot"]["found"]) == (1, 0)
    assert cues["screenshot"]["flagged"] == 2 and cues["screenshot"]["clean_flagged"] == 1
    together = cues["any copyright cue"]
    assert (together["positives"], together["found"]) == (3, 2)
    assert together["clean_fp_rate"] == 0.5
    table = report.cue_table({"copyright_cues": cues})
    assert "| watermark | 2 | 1 | 0.50 |" in table and "reference bank" not in table
