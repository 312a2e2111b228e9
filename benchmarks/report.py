"""Benchmark reports as markdown tables, and the README section built from them."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from benchmarks.labels import CATEGORIES, DECISIONS

README_START = "<!-- benchmark-results:start -->"
README_END = "<!-- benchmark-results:end -->"


def _fmt(value: Any, digits: int = 2) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def category_table(report: dict[str, Any]) -> str:
    lines = [
        "| category | positives | recall | precision | false flags | flagged clean files |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for category in CATEGORIES:
        s = report["categories"][category]
        clean = f"{s['clean_flagged']}/{s['clean_files']}" if s["clean_files"] else "n/a"
        lines.append(f"| {category} | {s['positives']} | {_fmt(s['recall'])} | "
                     f"{_fmt(s['precision'])} | {s['fp']} | {clean} |")
    return "\n".join(lines)


def cue_table(report: dict[str, Any]) -> str:
    lines = ["| copyright cue | labelled files | found | recall | files it flags | "
             "clean files it flags |", "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for cue, row in report["copyright_cues"].items():
        if row["positives"] or row["flagged"]:
            lines.append(f"| {cue} | {row['positives']} | {row['found']} | "
                         f"{_fmt(row['recall'])} | {row['flagged']} | "
                         f"{row['clean_flagged']}/{row['clean_files']} |")
    return "\n".join(lines)


def confusion_table(report: dict[str, Any]) -> str:
    lines = ["| expected \\ got | " + " | ".join(DECISIONS) + " |",
             "| --- |" + " ---: |" * len(DECISIONS)]
    for expected in DECISIONS:
        row = report["confusion"][expected]
        lines.append(f"| {expected} | " + " | ".join(str(row[d]) for d in DECISIONS) + " |")
    return "\n".join(lines)


def kind_table(report: dict[str, Any]) -> str:
    lines = ["| kind | files | expected | accept | review | reject |",
             "| --- | ---: | --- | ---: | ---: | ---: |"]
    for kind, row in report["by_kind"].items():
        lines.append(f"| {kind} | {row['files']} | {row['expected']} | "
                     + " | ".join(str(row[d]) for d in DECISIONS) + " |")
    return "\n".join(lines)


def speed_table(report: dict[str, Any]) -> str:
    lines = ["| measure | median | p95 |", "| --- | ---: | ---: |"]
    for name, stats in report["detector_ms"].items():
        lines.append(f"| detector `{name}`, own time (ms) | {_fmt(stats['median'])} | "
                     f"{_fmt(stats['p95'])} |")
    for name, stats in report.get("analysis_ms", {}).items():
        lines.append(f"| shared analysis `{name}`, where it ran (ms) | {_fmt(stats['median'])} | "
                     f"{_fmt(stats['p95'])} |")
    for key, label in (("screen_ms", "whole screen (ms)"),
                       ("decode_ms", "Pillow full decode of the same file (ms)"),
                       ("ratio_to_decode", "screen ÷ full decode")):
        stats = report[key]
        lines.append(f"| {label} | {_fmt(stats['median'])} | {_fmt(stats['p95'])} |")
    extra = []
    if "throughput_files_per_s" in report:
        t = report["throughput_files_per_s"]
        extra.append(f"throughput: {t['1']} files/s with 1 worker process, {t['2']} with 2")
    extra.append(f"peak memory: {report['peak_rss_mb']} MB in process"
                 + (f", {report['peak_rss_mb_workers']} MB per worker"
                    if "peak_rss_mb_workers" in report else ""))
    return "\n".join(lines) + "\n\n" + "; ".join(extra) + "."


def side_by_side_table(report: dict[str, Any]) -> str:
    lines = [
        "| tool | sensitive-id recall | precision | flagged clean files | ms per image (median) |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, row in report["side_by_side"].items():
        s = row["sensitive-id"]
        clean = f"{s['clean_flagged']}/{s['clean_files']}" if s["clean_files"] else "n/a"
        tool = f"{name} {row['version']}".strip()
        lines.append(f"| {tool} | {_fmt(s['recall'])} | {_fmt(s['precision'])} "
                     f"| {clean} | {_fmt(row['ms']['median'], 1)} |")
    return "\n".join(lines)


def art_table(report: dict[str, Any]) -> str:
    art = report["art"]
    nudity, clothed, people = (art["nudity_recall"], art["clothed_flagged"],
                               art["artworks_as_people"])
    lines = [
        "| measure | files | share |",
        "| --- | ---: | ---: |",
        f"| nudity recall (any sexual-content finding) | {nudity['found']}/{nudity['total']} | "
        f"{_fmt(nudity['recall'])} |",
        f"| clothed images flagged (any sexual-content finding) | "
        f"{clothed['flagged']}/{clothed['total']} | {_fmt(clothed['share'])} |",
        f"| artworks flagged as identifiable people (FAC101 or PER101) | "
        f"{people['flagged']}/{people['total']} | {_fmt(people['share'])} |",
        f"| artworks with an identifiable face (FAC101) | "
        f"{people['face_flagged']}/{people['total']} | {_fmt(people['face_share'])} |",
    ]
    if nudity["missed"]:
        lines.append("\nNudity missed: " + ", ".join(f"`{p}`" for p in nudity["missed"][:10]))
    return "\n".join(lines)


def markdown(report: dict[str, Any]) -> str:
    parts = [
        f"### {report['set']}: {report['files']} files ({report['visual_files']} visual)",
        f"vmscreen {report['vmscreen']}, policy {report['policy']}, {report['when']}, "
        f"{report['machine']['cores']} cores.",
        category_table(report),
    ]
    if "copyright_cues" in report:
        parts += ["Copyright, each cue on its own and all together:", cue_table(report)]
    if "art" in report:
        parts += ["Art set: nudity and artworks:", art_table(report)]
    parts += [
        "Decisions, expected against got:",
        confusion_table(report),
        "Time:",
        speed_table(report),
    ]
    if len(report.get("by_kind", {})) > 1:
        parts += ["Decisions by kind of file:", kind_table(report)]
    if "side_by_side" in report:
        parts += ["Side by side on the same images, same run:", side_by_side_table(report)]
    if report["unscreened"]:
        parts.append(f"Unscreened: {len(report['unscreened'])} file(s): " + ", ".join(
            f"`{u['path']}` ({u['code']})" for u in report["unscreened"][:10]))
    return "\n\n".join(parts) + "\n"


def update_readme(readme: Path, body: str, start: str = README_START,
                  end: str = README_END) -> None:
    """Replace the text between the markers ``start`` and ``end`` with ``body``."""
    text = readme.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.S)
    if not pattern.search(text):
        raise ValueError(f"{readme} has no {start} ... {end} section")
    replacement = f"{start}\n{body.strip()}\n{end}"
    readme.write_text(pattern.sub(lambda _: replacement, text), encoding="utf-8")


def publish(name: str, report: dict[str, Any], body: str, *, update: bool, start: str,
            end: str) -> None:
    """A benchmark's figures: ``results/NAME.json`` and ``results/NAME.md``, the table on
    stdout, and, when ``update``, the table in README.md between ``start`` and ``end``."""
    results = Path(__file__).resolve().parent / "results"
    results.mkdir(exist_ok=True)
    (results / f"{name}.json").write_text(json.dumps(report, indent=2) + "\n")
    (results / f"{name}.md").write_text(body)
    print(body)
    if update:
        update_readme(results.parent.parent / "README.md", body, start, end)
