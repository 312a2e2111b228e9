"""python -m benchmarks.ray_cost [--vcpu-hour-usd PRICE] [--update-readme]: what screening a
million photos costs on Ray, from the time measured here.

The real set's files (../shared/datasets/real) are screened twice in this run on this
machine's cores: by the local engine's worker processes (``vmscreen scan``) and by a local Ray
instance with as many actors (``vmscreen scan --engine ray``), each from a cold start (models
loading included, as a batch job pays them). From the Ray run's wall time: CPU-seconds per
photo, CPU-hours and dollars per million photos at ``--vcpu-hour-usd`` (default: an on-demand
compute-optimised cloud instance, 0.0446 USD per vCPU-hour, AWS c7i.large in us-east-1).
Results go to benchmarks/results/ray_cost.json and ray_cost.md; ``--update-readme`` copies
the table into README.md between its ray-cost markers.
"""

from __future__ import annotations

import argparse
import os
import time
from collections import Counter
from pathlib import Path
from typing import Any

from benchmarks import report as reporting
from benchmarks.runner import machine
from benchmarks.sets import real, shared_rows
from vmscreen import __version__
from vmscreen.engine.batch import BatchSettings, screen_files
from vmscreen.ray import screen_paths

HERE = Path(__file__).resolve().parent
README_START, README_END = "<!-- ray-cost:start -->", "<!-- ray-cost:end -->"
VCPU_HOUR_USD = 0.0446  # AWS c7i.large on demand, us-east-1: 0.0893 USD an hour for 2 vCPUs


def _timed(name: str, run: Any) -> dict[str, Any]:
    start = time.perf_counter()
    results = list(run)
    wall = time.perf_counter() - start
    return {"engine": name, "files": len(results), "wall_s": round(wall, 1),
            "files_per_s": round(len(results) / wall, 3),
            "decisions": dict(Counter(r.decision.value for r in results))}


def measure(price: float) -> dict[str, Any]:
    root = real.DEFAULT_ROOT
    paths = [root / row["path"] for row in shared_rows(root, "real")]
    cores = os.cpu_count() or 1
    settings = BatchSettings()
    local = _timed("local worker processes", screen_files(paths, settings, cores))
    on_ray = _timed("Ray actors (local instance)", screen_paths(paths, settings, actors=cores))
    cpu_s = on_ray["wall_s"] * cores / on_ray["files"]
    hours = cpu_s * 1_000_000 / 3600
    return {"vmscreen": __version__, "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "machine": machine(), "cores": cores, "runs": [local, on_ray],
            "ray_to_local": round(on_ray["files_per_s"] / local["files_per_s"], 2),
            "cpu_s_per_photo": round(cpu_s, 3), "cpu_hours_per_million": round(hours),
            "vcpu_hour_usd": price, "usd_per_million": round(hours * price)}


def markdown(report: dict[str, Any]) -> str:
    lines = [f"vmscreen {report['vmscreen']}, {report['when']}, {report['cores']} cores; the "
             f"real set's {report['runs'][0]['files']} files, each run from a cold start.", "",
             "| engine | files | wall (s) | files/s | decisions |",
             "| --- | ---: | ---: | ---: | --- |"]
    for run in report["runs"]:
        decided = ", ".join(f"{n} {d}" for d, n in sorted(run["decisions"].items()))
        lines.append(f"| {run['engine']} | {run['files']} | {run['wall_s']} | "
                     f"{run['files_per_s']} | {decided} |")
    same = report["runs"][0]["decisions"] == report["runs"][1]["decisions"]
    lines += ["", ("Both engines reached the same decisions. " if same else "")
              + f"Ray runs at {report['ray_to_local']} times the local engine's rate here "
              "(its start and its actors' model loading included). "
              f"At {report['cpu_s_per_photo']} CPU-seconds a photo, a million photos take "
              f"about {report['cpu_hours_per_million']:,} CPU-hours: about "
              f"{report['usd_per_million']:,} USD at {report['vcpu_hour_usd']} USD per "
              "vCPU-hour (on-demand, compute-optimised; spot capacity costs a third to a "
              "half of that). The real set mixes phone photos, 12 MP camera photos, "
              "documents and screenshots; a collection of large photos costs more per photo, "
              "one of thumbnails less."]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.ray_cost", description=__doc__)
    parser.add_argument("--vcpu-hour-usd", type=float, default=VCPU_HOUR_USD)
    parser.add_argument("--update-readme", action="store_true",
                        help="copy the table into README.md between its ray-cost markers")
    wanted = parser.parse_args()
    report = measure(wanted.vcpu_hour_usd)
    table = markdown(report)
    reporting.publish("ray_cost", report, table, update=wanted.update_readme,
                      start=README_START, end=README_END)


if __name__ == "__main__":
    main()
