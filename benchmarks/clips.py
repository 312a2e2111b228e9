"""python -m benchmarks.clips [--update-readme] [--no-sparser]: the video-and-audio benchmark.

Screens the shared real clips and recordings (../shared/datasets/video and audio, when present)
and the clips benchmarks.sets.clips makes, and reports:
- recall per category (a clip counts as found when a finding of that category is reported), and
  whether each made clip's finding falls in its window (the one-second card, the last-second
  face);
- the clips that came back unscreened (only the truncated and the empty one should);
- time per second of media, and screening time as a ratio to decoding the same clip at the
  sampled rate (one pass of the decoder over every frame, each sampled frame converted to RGB,
  every audio track decoded): what any tool that looks at those frames must pay;
- what a sparser sampling misses on the real clips up to 40 s long (the longer three would
  double the run): each clip screened at steady intervals of 0.5, 1 (the default), 2 and 4
  seconds, and with steady ticks only (no scene changes); a finding of the densest run is
  missed when the sparser run has no finding of the same code within one interval of its time
  span.
Results go to benchmarks/results/clips.json and clips.md; --update-readme copies the tables
into README.md between its clips markers.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks import report as reporting
from benchmarks.metrics import flagged_categories
from benchmarks.sets.clips import Clip, build, shared
from vmscreen import Result, Screener
from vmscreen.media import Limits, MediaError, Sampling, TimedMedia, open_media

HERE = Path(__file__).resolve().parent
README_START, README_END = "<!-- clips:start -->", "<!-- clips:end -->"
CATEGORIES = ("sensitive-id", "other-people", "copyright", "metadata", "sexual-content",
              "private-place")
SPARSER_MAX_S = 40.0
SPARSER = {"0.5 s": Sampling(interval=0.5), "1 s (default)": Sampling(),
           "2 s": Sampling(interval=2.0), "4 s": Sampling(interval=4.0),
           "1 s, no scene changes": Sampling(change=1.0)}


def decode_seconds(path: Path, sampling: Sampling) -> float:
    """One pass of what screening must decode: every frame, the sampled ones as RGB at the
    analysis size, every audio track."""
    start = time.perf_counter()
    try:
        media = open_media(path, Limits(), sampling)
    except MediaError:
        return time.perf_counter() - start
    if isinstance(media, TimedMedia):
        for sample in media.samples([]):
            if not sample.repeat:
                sample.frame.image(1024)
        for track in media.tracks:
            track.samples()
    return time.perf_counter() - start


def _seconds(path: Path) -> float:
    try:
        media = open_media(path)
    except MediaError:
        return 0.0
    return (media.duration or 0.0) if isinstance(media, TimedMedia) else 0.0


def _in_window(result: Result, clip: Clip) -> bool | None:
    if clip.must_find is None:
        return None
    found = [f for f in result.findings if f.code == clip.must_find]
    if clip.window is None:
        return bool(found)
    low, high = clip.window
    return any(f.time is not None and low - 0.05 <= f.time <= high and
               (f.until or f.time) <= high + 1.0 for f in found)


def screen_all(clips: Sequence[Clip], screener: Screener) -> list[dict[str, Any]]:
    rows = []
    for clip in clips:
        decode_s = decode_seconds(clip.path, screener.sampling)
        start = time.perf_counter()
        result = screener.screen(clip.path)
        screen_s = time.perf_counter() - start
        media = result.media.to_dict() if result.media else {}
        rows.append({
            "path": str(clip.path.relative_to(clip.path.parents[1])), "source": clip.source,
            "kind": clip.kind, "expected": sorted(clip.categories),
            "flagged": sorted(flagged_categories(result)), "decision": result.decision.value,
            "codes": sorted({f.code for f in result.findings}),
            "unscreened": sorted({f.code for f in result.errors}),
            "unreadable_expected": clip.unreadable, "found_in_window": _in_window(result, clip),
            "seconds": media.get("duration") or 0.0, "screen_s": round(screen_s, 3),
            "decode_s": round(decode_s, 3),
            "spans": [[f.code, f.time, f.until] for f in result.findings
                      if f.time is not None and f.category.value != "unscreened"],
        })
    return rows


def recall(rows: Sequence[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    out = {}
    for category in CATEGORIES:
        positives = [r for r in rows if category in r["expected"]]
        negatives = [r for r in rows if category not in r["expected"]]
        hits = [r for r in positives if category in r["flagged"]]
        false = [r for r in negatives if category in r["flagged"]]
        out[category] = {"positives": len(positives), "found": len(hits),
                         "recall": round(len(hits) / len(positives), 3) if positives else None,
                         "flagged_negatives": len(false),
                         "missed": [r["path"] for r in positives if r not in hits]}
    return out


def sparser(clips: Sequence[Clip]) -> dict[str, Any]:
    """Each real video clip screened at every sampling of SPARSER; what each misses."""
    videos = [c for c in clips if c.source == "shared" and c.kind == "video"
              and not c.unreadable and _seconds(c.path) <= SPARSER_MAX_S]
    runs: dict[str, dict[str, Any]] = {}
    for name, sampling in SPARSER.items():
        screener = Screener(sampling=sampling)
        spans: dict[str, list[tuple[str, float, float]]] = {}
        samples, seconds = 0, 0.0
        for clip in videos:
            start = time.perf_counter()
            result = screener.screen(clip.path)
            seconds += time.perf_counter() - start
            spans[clip.path.name] = [(f.code, f.time, f.until or f.time) for f in result.findings
                                     if f.time is not None
                                     and f.category.value != "unscreened"]
            samples += max((run.frames for run in result.detectors), default=0)
        runs[name] = {"spans": spans, "samples": samples, "seconds": round(seconds, 1),
                      "interval": sampling.interval}
    densest = runs["0.5 s"]
    for run in runs.values():
        missed = []
        for clip, found in densest["spans"].items():
            for code, start, end in found:
                near = run["interval"]
                if not any(c == code and s - near <= end and start <= e + near
                           for c, s, e in run["spans"][clip]):
                    missed.append(f"{clip}: {code} at {start:g}-{end:g} s")
        run["missed"] = missed
        run["found"] = sum(len(v) for v in run["spans"].values())
    return {name: {k: v for k, v in run.items() if k != "spans"} for name, run in runs.items()}


def markdown(report: dict[str, Any]) -> str:
    rows = report["clips"]
    parts = [f"vmscreen {report['vmscreen']}, {report['when']}, 2 cores; "
             f"{len(rows)} clips and recordings ({sum(r['source'] == 'made' for r in rows)} "
             "made by the benchmark)."]
    table = ["| category | positives | found | recall | flagged among the others |",
             "| --- | --- | --- | --- | --- |"]
    for category, score in report["recall"].items():
        if score["positives"] or score["flagged_negatives"]:
            table.append(f"| `{category}` | {score['positives']} | {score['found']} | "
                         f"{reporting._fmt(score['recall'])} | {score['flagged_negatives']} |")
    parts.append("\n".join(table))
    made = [r for r in rows if r["found_in_window"] is not None]
    parts.append("Made clips, each finding where it must be: " + ", ".join(
        f"`{r['path'].split('/')[-1]}` {'yes' if r['found_in_window'] else '**no**'}"
        for r in made) + ".")
    unscreened = [r for r in rows if r["unscreened"]]
    parts.append("Unscreened: " + (", ".join(
        f"`{r['path']}` ({','.join(r['unscreened'])}"
        f"{', expected' if r['unreadable_expected'] else ', NOT expected'})"
        for r in unscreened) or "none") + ".")
    speed = ["| clip | seconds | screen s | decode s | screen ÷ decode | s per s of media |",
             "| --- | --- | --- | --- | --- | --- |"]
    for r in rows:
        if r["seconds"] and r["decode_s"]:
            speed.append(f"| `{r['path']}` | {r['seconds']:.1f} | {r['screen_s']:.2f} | "
                         f"{r['decode_s']:.2f} | {r['screen_s'] / r['decode_s']:.1f} | "
                         f"{r['screen_s'] / r['seconds']:.2f} |")
    parts.append("\n".join(speed))
    timing = report["timing"]
    parts.append(f"Over all clips with a duration: {timing['media_s']:.0f} s of media screened "
                 f"in {timing['screen_s']:.0f} s ({timing['per_media_s']:.2f} s per second); "
                 f"screen ÷ decode median {timing['ratio_median']:.1f}, overall "
                 f"{timing['ratio_overall']:.1f}.")
    if report.get("sparser"):
        lines = ["| sampling | frames screened | seconds | findings | missed vs 0.5 s |",
                 "| --- | --- | --- | --- | --- |"]
        for name, run in report["sparser"].items():
            lines.append(f"| {name} | {run['samples']} | {run['seconds']:.0f} | {run['found']} "
                         f"| {len(run['missed'])} |")
        when = report.get("sparser_when", report["when"])
        parts.append(f"What a sparser sampling misses on the real video clips ({when}):\n\n"
                     + "\n".join(lines))
        for name, run in report["sparser"].items():
            if run["missed"] and name != "0.5 s":
                parts.append(f"Missed at {name}: " + "; ".join(run["missed"][:12])
                             + (" ..." if len(run["missed"]) > 12 else ""))
    return "\n\n".join(parts) + "\n"


def measure(with_sparser: bool = True) -> dict[str, Any]:
    import vmscreen

    with tempfile.TemporaryDirectory() as folder:
        clips = [*build(Path(folder) / "made"), *shared()]
        rows = screen_all(clips, Screener())
        timed = [r for r in rows if r["seconds"] and r["decode_s"]]
        ratios = [r["screen_s"] / r["decode_s"] for r in timed]
        report: dict[str, Any] = {
            "vmscreen": vmscreen.__version__,
            "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "clips": rows, "recall": recall(rows),
            "timing": {
                "media_s": sum(r["seconds"] for r in timed),
                "screen_s": sum(r["screen_s"] for r in timed),
                "per_media_s": sum(r["screen_s"] for r in timed) / max(
                    1e-9, sum(r["seconds"] for r in timed)),
                "ratio_median": statistics.median(ratios) if ratios else 0.0,
                "ratio_overall": sum(r["screen_s"] for r in timed) / max(
                    1e-9, sum(r["decode_s"] for r in timed)),
            },
        }
        if with_sparser:
            report["sparser"] = sparser(clips)
    return report


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.clips", description=__doc__)
    parser.add_argument("--update-readme", action="store_true",
                        help="copy the tables into README.md between its clips markers")
    parser.add_argument("--no-sparser", action="store_true",
                        help="skip the runs at other samplings (the slow part); the last "
                        "recorded ones are kept, with their date")
    wanted = parser.parse_args()
    report = measure(with_sparser=not wanted.no_sparser)
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    recorded = results / "clips.json"
    if "sparser" not in report and recorded.exists():
        # The sparser runs take longest: without them, the last recorded ones are kept, dated.
        before = json.loads(recorded.read_text())
        if "sparser" in before:
            report["sparser"] = before["sparser"]
            report["sparser_when"] = before.get("sparser_when", before["when"])
    reporting.publish("clips", report, markdown(report), update=wanted.update_readme,
                      start=README_START, end=README_END)


if __name__ == "__main__":
    main()
