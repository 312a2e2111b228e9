"""The art set's own measures on hand-made results: nudity recall, clothed images flagged and
artworks taken for people, and their table in the report."""

from __future__ import annotations

from benchmarks import metrics, report
from benchmarks.labels import Label
from vmscreen import Category, Finding, default_policy
from vmscreen.result import Result


def _result(path: str, *findings: Finding) -> Result:
    return Result.decided(path, default_policy(), findings)


def _finding(code: str, category: Category, score: float = 1.0) -> Finding:
    return Finding(code, "test-finding", category, "test", score, "")


def _label(path: str, kind: str, nudity: bool = False) -> Label:
    return Label(path, frozenset({"sexual-content"}) if nudity else frozenset(),
                 "review" if nudity else "accept", kind=kind)


SEX = Category.SEXUAL_CONTENT
PEOPLE = Category.OTHER_PEOPLE

PAIRS = [
    # Nudes: two found (a low-score finding counts too), one missed.
    (_label("nude-painting", "painting", nudity=True),
     _result("nude-painting", _finding("SEX101", SEX), _finding("FAC101", PEOPLE))),
    (_label("nude-sculpture", "sculpture", nudity=True),
     _result("nude-sculpture", _finding("NUD101", SEX, 0.2))),
    (_label("nude-missed", "painting", nudity=True),
     _result("nude-missed", _finding("PER101", PEOPLE))),
    # Clothed: one swimwear photo flagged; a face on a photo is not an artwork.
    (_label("swimwear", "photo_swimwear"), _result("swimwear", _finding("SEX102", SEX))),
    (_label("portrait", "painting"), _result("portrait", _finding("FAC101", PEOPLE))),
    (_label("street", "photo_clothed"), _result("street", _finding("FAC101", PEOPLE))),
    (_label("etching", "print"), _result("etching")),
    (_label("hills", "landscape"), _result("hills", _finding("PER101", PEOPLE))),
]


def test_nudity_recall_counts_any_sexual_content_finding_and_lists_the_misses():
    nudity = metrics.art_measures(PAIRS)["nudity_recall"]
    assert (nudity["found"], nudity["total"]) == (2, 3)
    assert nudity["recall"] == 0.6667
    assert nudity["missed"] == ["nude-missed"]


def test_clothed_images_flagged_are_those_without_nudity_with_a_sexual_content_finding():
    clothed = metrics.art_measures(PAIRS)["clothed_flagged"]
    assert (clothed["flagged"], clothed["total"]) == (1, 5)
    assert clothed["paths"] == ["swimwear"]


def test_artworks_as_people_counts_paintings_sculptures_and_prints_only():
    people = metrics.art_measures(PAIRS)["artworks_as_people"]
    # Artworks: nude-painting, nude-sculpture, nude-missed, portrait, etching (not the photos
    # or the landscape, whose PER101 is not counted).
    assert (people["flagged"], people["total"], people["share"]) == (3, 5, 0.6)
    assert people["paths"] == ["nude-painting", "nude-missed", "portrait"]
    assert (people["face_flagged"], people["face_share"]) == (2, 0.4)
    assert people["face_paths"] == ["nude-painting", "portrait"]


def test_no_labels_of_a_kind_give_no_share_rather_than_a_fake_number():
    measures = metrics.art_measures([(_label("hills", "landscape"), _result("hills"))])
    assert measures["nudity_recall"]["recall"] is None
    assert measures["artworks_as_people"]["share"] is None
    assert measures["clothed_flagged"]["share"] == 0.0


def test_the_art_table_is_rendered_only_when_the_report_has_it():
    base = {
        "set": "art", "files": 8, "visual_files": 8, "vmscreen": "0", "policy": "default 1",
        "when": "now", "machine": {"cores": 2},
        "categories": {c: {"positives": 0, "recall": None, "precision": None, "fp": 0,
                           "clean_flagged": 0, "clean_files": 0}
                       for c in metrics.CATEGORIES},
        "confusion": metrics.decision_confusion(PAIRS), "by_kind": {},
        "detector_ms": {}, "screen_ms": metrics.median_p95([]),
        "decode_ms": metrics.median_p95([]), "ratio_to_decode": metrics.median_p95([]),
        "peak_rss_mb": 1.0, "unscreened": [],
    }
    assert "Art set" not in report.markdown(base)
    text = report.markdown({**base, "art": metrics.art_measures(PAIRS)})
    assert "Art set: nudity and artworks" in text
    assert "| nudity recall (any sexual-content finding) | 2/3 | 0.67 |" in text
    assert "| clothed images flagged (any sexual-content finding) | 1/5 | 0.20 |" in text
    assert "| artworks flagged as identifiable people (FAC101 or PER101) | 3/5 | 0.60 |" in text
    assert "`nude-missed`" in text
