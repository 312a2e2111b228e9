"""Screen a labelled set and measure it: quality, per-detector time, cost relative to decoding,
throughput with 1 and 2 worker processes, peak memory, and the baselines side by side.

Speed is reported as ratios and rates from one run on one machine, never as absolute promises:
the machine is shared and noisy, so only numbers measured together are compared.
"""

from __future__ import annotations

import io
import os
import platform
import resource
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from PIL import Image

import vmscreen
from benchmarks import metrics
from benchmarks.labels import Label
from vmscreen.engine.batch import BatchSettings, screen_files

# What a baseline reports that falls under sensitive-id: cards, SSNs and ID numbers (Presidio's
# names, plus MRZ from the shared patterns). Bank account numbers are not in the clause.
SENSITIVE_ENTITIES = frozenset(
    {"CREDIT_CARD", "US_SSN", "US_ITIN", "US_PASSPORT", "US_DRIVER_LICENSE", "IBAN_CODE", "MRZ"}
)


@dataclass(frozen=True)
class LabelledSet:
    name: str
    root: Path
    labels: tuple[Label, ...]


def full_decode_ms(path: Path) -> float | None:
    """Full-size Pillow decode of the same file: the unit every screen time is measured in."""
    try:
        data = path.read_bytes()
        start = time.perf_counter()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
        return (time.perf_counter() - start) * 1000
    except Exception:  # noqa: BLE001 - an undecodable file simply has no ratio
        return None


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    return {"python": platform.python_version(), "cpu": platform.processor() or "?",
            "cores": os.cpu_count() or 1}


def _peak_rss_mb(who: int) -> float:
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)  # Linux reports KiB


def screen_set(labelled: LabelledSet) -> dict[str, Any]:
    """Screen every file in this process (all threads for one call) and score it."""
    screener = vmscreen.Screener()
    pairs: list[tuple[Label, vmscreen.Result]] = []
    detector_ms: dict[str, list[float]] = defaultdict(list)
    analysis_ms: dict[str, list[float]] = defaultdict(list)
    screen_ms, decode_ms, ratios = [], [], []
    for label in labelled.labels:
        path = labelled.root / label.path
        decoded = full_decode_ms(path)
        result = screener.screen(path)
        pairs.append((label, result))
        screen_ms.append(result.elapsed_ms)
        for run in result.detectors:
            if run.status == "ok":
                detector_ms[run.name].append(run.ms)
        for name, ms in result.analyses:
            analysis_ms[name].append(ms)
        if decoded:
            decode_ms.append(decoded)
            ratios.append(result.elapsed_ms / decoded)
    scores = metrics.category_scores(pairs)
    return {
        "pairs": pairs,
        "categories": {c: s.to_dict() for c, s in scores.items()},
        "confusion": metrics.decision_confusion(pairs),
        "by_kind": metrics.by_kind(pairs),
        "copyright_cues": metrics.cue_scores(pairs),
        "unscreened": metrics.unscreened(pairs),
        "detector_ms": {name: metrics.median_p95(v) for name, v in sorted(detector_ms.items())},
        "analysis_ms": {name: metrics.median_p95(v) for name, v in sorted(analysis_ms.items())},
        "screen_ms": metrics.median_p95(screen_ms),
        "decode_ms": metrics.median_p95(decode_ms),
        "ratio_to_decode": metrics.median_p95(ratios),
        "peak_rss_mb": _peak_rss_mb(resource.RUSAGE_SELF),
    }


def throughput(labelled: LabelledSet, jobs: int) -> float:
    """Files per second through the batch runner with ``jobs`` worker processes."""
    paths = [labelled.root / label.path for label in labelled.labels]
    start = time.perf_counter()
    count = sum(1 for _ in screen_files(paths, BatchSettings(), jobs))
    return round(count / (time.perf_counter() - start), 2)


def run_baselines(labelled: LabelledSet, baselines: Sequence[Any]) -> dict[str, Any]:
    """Each baseline's sensitive-id recall, precision and time, on the visual files."""
    visual = [label for label in labelled.labels if label.visual]
    out: dict[str, Any] = {}
    for baseline in baselines:
        hits: dict[str, bool] = {}
        times: list[float] = []
        errors = 0
        for label in visual:
            hit = baseline.detect(labelled.root / label.path)
            hits[label.path] = bool(SENSITIVE_ENTITIES & set(hit.entities))
            times.append(hit.ms)
            errors += hit.error is not None
        out[baseline.name] = {
            "version": baseline.version,
            "sensitive-id": metrics.baseline_scores(visual, hits),
            "ms": metrics.median_p95(times),
            "errors": errors,
        }
    return out


# The detectors whose findings make up the sensitive-id category. Their time is their own plus
# that of every shared analysis they read (the OCR pass, barcodes, the document layout and its
# face search), whichever detector happened to compute it first.
SENSITIVE_DETECTORS = frozenset({"sensitive-id", "barcodes"})


def sensitive_ms(result: vmscreen.Result) -> float:
    runs = [run for run in result.detectors if run.name in SENSITIVE_DETECTORS]
    read = set().union(*(run.analyses for run in runs))
    return sum(run.ms for run in runs) + sum(ms for name, ms in result.analyses if name in read)


def vmscreen_sensitive_rows(report: dict[str, Any]) -> dict[str, Any]:
    """vmscreen's own numbers in the baselines' shape, for the side-by-side table: the whole
    screen (every category), and the sensitive-id work alone, which is what the other tools do."""
    visual = [(label, result) for label, result in report["pairs"] if label.visual]
    hits = {label.path: "sensitive-id" in metrics.flagged_categories(result)
            for label, result in visual}
    scores = metrics.baseline_scores([label for label, _ in visual], hits)
    errors = sum(1 for _, result in visual if result.errors)
    sensitive = [sensitive_ms(result) for _, result in visual]
    name = f"vmscreen {vmscreen.__version__}"
    return {
        f"{name}, whole screen (every category)": {
            "version": "", "sensitive-id": scores, "errors": errors,
            "ms": metrics.median_p95([result.elapsed_ms for _, result in visual])},
        f"{name}, its sensitive-id and barcode detectors": {
            "version": "", "sensitive-id": scores, "errors": errors,
            "ms": metrics.median_p95(sensitive)},
    }


def benchmark(
    labelled: LabelledSet, *, baselines: Sequence[Any] = (), with_throughput: bool = True
) -> dict[str, Any]:
    report = screen_set(labelled)
    if with_throughput:
        report["throughput_files_per_s"] = {str(j): throughput(labelled, j) for j in (1, 2)}
        report["peak_rss_mb_workers"] = _peak_rss_mb(resource.RUSAGE_CHILDREN)
    if baselines:
        side = vmscreen_sensitive_rows(report)
        side.update(run_baselines(labelled, baselines))
        report["side_by_side"] = side
    pairs = report.pop("pairs")
    if labelled.name == "art":
        report["art"] = metrics.art_measures(pairs)
    report.update({
        "set": labelled.name,
        "files": len(pairs),
        "visual_files": sum(1 for label, _ in pairs if label.visual),
        "vmscreen": vmscreen.__version__,
        "policy": pairs[0][1].policy_name + " " + pairs[0][1].policy_version if pairs else None,
        "when": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
    })
    return report
