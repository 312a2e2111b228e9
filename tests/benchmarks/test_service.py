"""The service benchmark's report: what it says of load, memory and hostile uploads."""

from __future__ import annotations

from benchmarks.service import markdown

REPORT = {
    "vmscreen": "0.1.0", "when": "2026-11-30 10:25 UTC", "machine": {"cores": 2}, "workers": 2,
    "photo": "clean-landscape.jpg (640 x 427)",
    "levels": [{"concurrency": 1, "requests": 120, "requests_per_s": 4.08, "p50_ms": 243.9,
                "p95_ms": 275.5, "errors": 0},
               {"concurrency": 16, "requests": 120, "requests_per_s": 7.6, "p50_ms": 1309.9,
                "p95_ms": 2780.1, "errors": 1}],
    "soak": {"requests": 2000, "concurrency": 4, "errors": 0, "growth_mib": 148.7,
             "second_half_growth_mib": 22.8,
             "samples": [{"after": 0, "rss_mib": [460.0, 475.7]},
                         {"after": 2000, "rss_mib": [514.5, 569.9]}]},
    "hostile": [{"upload": "truncated JPEG", "status": 200, "outcome": "review UNS001"},
                {"upload": "empty body", "status": 400, "outcome": "empty"}],
}


def test_the_report_gives_each_level_the_soak_and_each_hostile_upload():
    text = markdown(REPORT)
    assert "| 1 | 120 | 4.08 | 244 | 276 | 0 |" in text
    assert "| 16 | 120 | 7.6 | 1310 | 2780 | 1 |" in text
    assert ("from 460.0 + 475.7 MiB to 514.5 + 569.9 MiB (+148.7 MiB in all, +22.8 MiB over "
            "the second half)") in text
    assert "| truncated JPEG | 200 | review UNS001 |" in text
    assert "| empty body | 400 | empty |" in text
