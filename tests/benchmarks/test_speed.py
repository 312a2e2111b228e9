"""The speed benchmark's pure parts: photo scaling, the file choice, the time split, the
summaries and the report. Nothing here screens a file or times anything."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from PIL import Image

from benchmarks import speed


@pytest.mark.parametrize("size", [(512, 512), (600, 400), (427, 640), (872, 1000), (741, 497),
                                  (4000, 3000), (10, 7000)])
def test_megapixel_size_keeps_the_aspect_and_lands_at_12_mp(size):
    width, height = speed.megapixel_size(*size)
    assert abs(width * height / 1e6 - 12) <= 0.5
    assert width / height == pytest.approx(size[0] / size[1], rel=0.01)


def test_scale_photo_writes_a_12_mp_jpeg_of_the_same_shape(tmp_path):
    source = tmp_path / "small.png"
    Image.new("RGBA", (400, 300), (10, 120, 200, 255)).save(source)
    made = speed.scale_photo(source, tmp_path / "big.jpg")
    with Image.open(made) as image:
        assert image.format == "JPEG"
        assert image.mode == "RGB"
        assert image.size == (4000, 3000)


def test_large_rows_keep_big_photos_without_text_flags():
    def row(path: str, width: int, height: int, **flags: str) -> dict[str, str]:
        return {"path": path, "width": str(width), "height": str(height), **flags}

    rows = [row("big.jpg", 4000, 3000), row("card.jpg", 4000, 3000, card_number="1"),
            row("shot.png", 4000, 3000, screenshot="1"), row("mark.jpg", 6000, 4000,
                                                             watermark="1"),
            row("id.jpg", 4000, 3000, id_document="1"), row("small.jpg", 2000, 1500),
            row("face.jpg", 3061, 4600, face="1"), row("meta.jpg", 0, 0)]
    assert speed.large_rows(rows) == ["big.jpg", "face.jpg"]


def _result(elapsed: float, detectors: list[tuple[str, str, float]],
            analyses: list[tuple[str, float]]) -> SimpleNamespace:
    runs = [SimpleNamespace(name=name, status=status, ms=ms) for name, status, ms in detectors]
    return SimpleNamespace(elapsed_ms=elapsed, detectors=runs, analyses=tuple(analyses))


def test_split_takes_medians_of_time_and_share_over_files():
    results = [
        _result(100.0, [("faces", "ok", 10.0), ("voices", "not-run", 0.0)], [("reading", 50.0)]),
        _result(200.0, [("faces", "ok", 40.0), ("voices", "ok", 20.0)], [("reading", 20.0)]),
        _result(400.0, [("faces", "timeout", 300.0)], [("reading", 200.0)]),
    ]
    parts = speed.split(results)  # type: ignore[arg-type]
    assert parts["detectors"]["faces"] == {"median_ms": 25.0, "median_share": 0.15, "n": 2}
    assert parts["detectors"]["voices"] == {"median_ms": 20.0, "median_share": 0.1, "n": 1}
    assert parts["analyses"]["reading"] == {"median_ms": 50.0, "median_share": 0.5, "n": 3}


def test_check_fast_refuses_settings_that_did_not_take_effect():
    good = {"use_cls": False, "classifier_loaded": False, "det_input": [704, 960]}
    speed.check_fast(good)
    for wrong in ({"use_cls": True}, {"classifier_loaded": True}, {"det_input": [736, 1120]}):
        with pytest.raises(RuntimeError, match="did not take effect"):
            speed.check_fast({**good, **wrong})


def _run(name: str, jobs: int, rate: float, peak: float | None) -> dict[str, object]:
    return {"set": name, "jobs": jobs, "files": 10, "files_per_s": rate, "unscreened": 0,
            "peak_per_worker_mib": peak, "children_maxrss_mib": peak or 0.0,
            "worker_peaks_mib": [peak] if peak else []}


def test_summarise_workers_ratio_and_worst_peak_of_two_workers():
    runs = [_run("synthetic", 1, 0.5, 1500.0), _run("synthetic", 2, 0.95, 700.0),
            _run("real", 2, 1.0, 800.0)]
    summary = speed.summarise_workers(runs, [], 1.0)
    assert summary["throughput_ratio"] == 1.9
    assert summary["peak_per_worker_mib"] == 800.0  # the one-worker run is not counted
    assert speed.summarise_workers(runs[2:], ["synthetic: absent"], 1.0)["throughput_ratio"] \
        is None


def test_verdict_names_the_target_and_whether_it_is_met():
    assert speed.verdict(4.2, 5) == "target at most 5: met"
    assert speed.verdict(5.5, 5) == "target at most 5: not met"
    assert speed.verdict(2000, 2000, "under") == "target under 2000: not met"
    assert speed.verdict(1.9, 1.8, "at least") == "target at least 1.8: met"
    assert speed.verdict(None, 1.8, "at least") == "target at least 1.8: n/a"
    assert speed.verdict(900, 1024, unit="MiB") == "target at most 1024 MiB: met"


def _stats(median: float, p95: float, n: int = 3) -> dict[str, float]:
    return {"median": median, "p95": p95, "n": n}


def fake_report() -> dict[str, object]:
    card = {"file": "bankcard_ocr/2.jpeg", "vmscreen_ms": 900.0, "vmscreen_flagged": True,
            "default_ms": 2000.0, "default_flagged": True, "fast_ms": 1000.0,
            "fast_flagged": False}
    return {
        "vmscreen": "0.1.0", "when": "2026-12-01 10:00 UTC", "quick": False,
        "machine": {"python": "3.11.7", "cpu": "x86_64", "cores": 2},
        "load_average_start": [1.5, 1.0, 0.5], "load_average_end": [2.0, 1.5, 1.0],
        "targets": dict(speed.TARGETS),
        "large_photos": {
            "rows": [{"file": "skimage-coffee-4243x2828.jpg", "megapixels": 12.0,
                      "decode_ms": 100.0, "screen_ms": 450.0, "ratio": 4.5}],
            "median_ratio": 4.5, "target": 5.0, "skipped": [],
            "split": {"detectors": {"faces": {"median_ms": 30.0, "median_share": 0.0667,
                                              "n": 1}},
                      "analyses": {"reading": {"median_ms": 200.0, "median_share": 0.444,
                                               "n": 1}}}},
        "cards": {
            "rows": [card], "peer_version": "rapidocr 3.10.0",
            "tools": {"vmscreen": {"ms": _stats(900.0, 900.0, 1), "sensitive_found": 1,
                                   "sensitive_recall": 1.0},
                      "default": {"ms": _stats(2000.0, 2000.0, 1), "sensitive_found": 1,
                                  "sensitive_recall": 1.0},
                      "fast": {"ms": _stats(1000.0, 1000.0, 1), "sensitive_found": 0,
                               "sensitive_recall": 0.0}},
            "peer_checks": {"fast": {"params": dict(speed.PEER_CONFIGS["fast"]),
                                     "use_cls": False, "classifier_loaded": False,
                                     "det_limit": "max 960", "det_input": [704, 960]}},
            "ratio_to_fast_peer": 0.9, "target_ratio": 0.8,
            "real_set": {"files": 221, "sensitive_ms": _stats(300.0, 1800.0, 221),
                         "screen_ms": _stats(800.0, 3000.0, 221)},
            "target_sensitive_p95_ms": 2000.0},
        "workers": speed.summarise_workers(
            [_run("synthetic", 1, 0.5, 600.0), _run("synthetic", 2, 0.8, 650.0)],
            ["real: the real set is not at /nowhere (no labels.csv)"], 0.2),
        "latency": {"rows": [{"photo": "card photo", "file": "bankcard_ocr/2.jpeg",
                              "megapixels": 1.6,
                              "cold": {"process_ms": 9000.0, "import_to_result_ms": 8800.0,
                                       "screen_call_ms": 7000.0, "elapsed_ms": 6900.0},
                              "warm": _stats(900.0, 1100.0, 20)}]},
    }


def test_markdown_has_every_table_and_target():
    text = speed.markdown(fake_report())
    tables = [block for block in text.split("\n\n") if block.startswith("| ")]
    assert len(tables) == 5  # large photos, their split, cards, workers, latency
    assert all(block.splitlines()[1].startswith("| --- |") for block in tables)
    expected = (
        "| skimage-coffee-4243x2828.jpg | 12.0 | 100.0 | 450 | 4.50 |",
        "| detector `faces` | 30.0 | 6.7% |",
        "| shared analysis `reading` | 200.0 | 44.4% |",
        "**4.50** (target at most 5: met)",
        "| PP-OCR (rapidocr 3.10.0), configured for speed | 0/1 | 1000 | 1000 |",
        "**0.90** (target at most 0.8: not met)",
        "`Global.use_cls: False`, `Det.limit_side_len: 960`, `Det.limit_type: max`",
        "classifier loaded False, detector input 704 x 960",
        "p95 **1800 ms** (target under 2000 ms: met)",
        "**1.60** (target at least 1.8: not met)",
        "**650 MiB** (target at most 1024 MiB: met)",
        "Skipped: real: the real set is not at /nowhere",
        "| card photo (`bankcard_ocr/2.jpeg`, 1.6 MP) | 9000 | 8800 | 7000 | 900 | 1100 | 20 |",
        "| synthetic | 10 | 2 | 0.80 | 650 | 650 | 0 |",
    )
    assert [line for line in expected if line not in text] == []


def test_markdown_lists_the_files_a_worker_run_left_unscreened():
    report = fake_report()
    run = report["workers"]["runs"][1]  # type: ignore[index]
    run.update(unscreened=1, unscreened_files=[["/data/slow.jpg", ["UNS008"]]])
    assert "Unscreened in the worker runs: `slow.jpg` (UNS008, 2 workers)" in \
        speed.markdown(report)


def test_markdown_of_a_run_without_the_real_set():
    report = fake_report()
    report["cards"] = {"skipped": "the real set is not at /nowhere (no labels.csv)"}
    text = speed.markdown(report)
    assert "Skipped: the real set is not at /nowhere" in text
    assert "PP-OCR (rapidocr" not in text


def test_update_readme_replaces_only_the_speed_section(tmp_path: Path):
    readme = tmp_path / "README.md"
    readme.write_text("# title\n\n<!-- speed:start -->\nold table\n<!-- speed:end -->\n\n"
                      "<!-- memory:start -->\nmemory\n<!-- memory:end -->\n")
    speed.update_readme(readme, "| new | table |\n")
    assert readme.read_text() == ("# title\n\n<!-- speed:start -->\n| new | table |\n"
                                  "<!-- speed:end -->\n\n<!-- memory:start -->\nmemory\n"
                                  "<!-- memory:end -->\n")


def test_update_readme_without_markers_says_so(tmp_path: Path):
    readme = tmp_path / "README.md"
    readme.write_text("# no markers\n")
    with pytest.raises(ValueError, match="speed:start"):
        speed.update_readme(readme, "body")
    assert readme.read_text() == "# no markers\n"
