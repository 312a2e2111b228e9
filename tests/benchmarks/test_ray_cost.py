"""The Ray cost benchmark's report: the runs side by side and the cost of a million photos."""

from __future__ import annotations

from benchmarks.ray_cost import markdown

REPORT = {
    "vmscreen": "0.1.0", "when": "2026-11-30 10:40 UTC", "cores": 2,
    "runs": [{"engine": "local worker processes", "files": 221, "wall_s": 120.0,
              "files_per_s": 1.842, "decisions": {"accept": 70, "review": 60, "reject": 91}},
             {"engine": "Ray actors (local instance)", "files": 221, "wall_s": 130.0,
              "files_per_s": 1.7, "decisions": {"accept": 70, "review": 60, "reject": 91}}],
    "ray_to_local": 0.92, "cpu_s_per_photo": 1.176, "cpu_hours_per_million": 327,
    "vcpu_hour_usd": 0.0446, "usd_per_million": 15,
}


def test_the_report_gives_both_runs_and_the_cost_of_a_million_photos():
    text = markdown(REPORT)
    assert "| local worker processes | 221 | 120.0 | 1.842 | 70 accept, 91 reject, 60 review |" \
        in text
    assert "| Ray actors (local instance) | 221 | 130.0 | 1.7 |" in text
    assert "Both engines reached the same decisions. Ray runs at 0.92 times the local " \
           "engine's rate here" in text
    assert "At 1.176 CPU-seconds a photo, a million photos take about 327 CPU-hours: about 15 " \
           "USD at 0.0446 USD per vCPU-hour" in text
