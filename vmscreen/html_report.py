"""``vmscreen report RESULTS.jsonl --html OUT.html``: one self-contained page for people.

The run's summary, a chart of decisions by category (inline SVG), filters by decision,
category and code (a few lines of inline script), and a row per file: its thumbnail (made
from a redacted copy only, vmscreen.engine.thumbnails, embedded as a data URI), decision,
reasons with what each code means, and each finding's message. Nothing is fetched from the
network; every text from the results (a file name above all) is escaped, and a file name's
bytes that are not UTF-8 are shown as \\xNN, as in the scan's table.
"""

from __future__ import annotations

import base64
import json
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path

from vmscreen._version import __version__
from vmscreen.engine.thumbnails import Thumbnail
from vmscreen.findings import Category, CodeInfo
from vmscreen.policy import Reason
from vmscreen.report import printable
from vmscreen.result import Result

DECISIONS = ("accept", "review", "reject")
COLOURS = {"accept": "#2e7d32", "review": "#ef6c00", "reject": "#c62828"}
# The page may load nothing: images are data URIs, style and script are inline.
POLICY = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
          "script-src 'unsafe-inline'")
BAR_HEIGHT, BAR_GAP, LABEL_WIDTH, CHART_WIDTH = 22, 8, 130, 640


@dataclass(frozen=True)
class ReadResults:
    """The results of a JSON Lines file, and how many of its lines could not be read."""

    results: tuple[Result, ...]
    unreadable: int


def read_results(path: Path) -> ReadResults:
    """Every result in a JSON Lines file. Unlike a resumed scan, the file is only read: a
    damaged or torn line is counted, never repaired."""
    results: list[Result] = []
    unreadable = 0
    with path.open("rb") as lines:
        for line in lines:
            if not line.strip():
                continue
            try:
                results.append(Result.from_dict(json.loads(line)))
            except (ValueError, KeyError, TypeError):
                unreadable += 1
    return ReadResults(tuple(results), unreadable)


def _categories(result: Result) -> list[str]:
    return sorted({f.category.value for f in result.findings})


def _chart(results: Sequence[Result]) -> str:
    """Files with findings in each category, split by the decision the file got."""
    counts: Counter[tuple[str, str]] = Counter()
    for result in results:
        for category in _categories(result):
            counts[(category, result.decision.value)] += 1
    categories = [c.value for c in Category if any(counts[(c.value, d)] for d in DECISIONS)]
    if not categories:
        return "<p>No findings.</p>"
    most = max(sum(counts[(c, d)] for d in DECISIONS) for c in categories)
    scale = (CHART_WIDTH - LABEL_WIDTH - 40) / most
    height = len(categories) * (BAR_HEIGHT + BAR_GAP) + 30
    parts = [f'<svg role="img" aria-label="decisions by category" width="{CHART_WIDTH}" '
             f'height="{height}" xmlns="http://www.w3.org/2000/svg">']
    for row, category in enumerate(categories):
        y = row * (BAR_HEIGHT + BAR_GAP)
        parts.append(f'<text x="0" y="{y + 16}" font-size="13">{escape(category)}</text>')
        x = float(LABEL_WIDTH)
        for decision in DECISIONS:
            n = counts[(category, decision)]
            if n:
                width = n * scale
                parts.append(f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" '
                             f'height="{BAR_HEIGHT}" fill="{COLOURS[decision]}">'
                             f"<title>{escape(category)}: {n} {decision}</title></rect>")
                x += width
        total = sum(counts[(category, d)] for d in DECISIONS)
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 16}" font-size="13">{total}</text>')
    legend_y = len(categories) * (BAR_HEIGHT + BAR_GAP) + 14
    for i, decision in enumerate(DECISIONS):
        x = LABEL_WIDTH + i * 100
        parts.append(f'<rect x="{x}" y="{legend_y - 10}" width="12" height="12" '
                     f'fill="{COLOURS[decision]}"/><text x="{x + 16}" y="{legend_y}" '
                     f'font-size="12">{decision}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _options(name: str, values: Sequence[str]) -> str:
    items = "".join(f'<option value="{escape(v)}">{escape(v)}</option>' for v in values)
    return (f'<label>{name} <select id="filter-{name}" data-filter="{name}">'
            f'<option value="">all</option>{items}</select></label>')


def _reason(reason: Reason, info: CodeInfo | None) -> str:
    """A reason: its code, outcome, score and rule, what the code means, and why it matters."""
    line = (f"<b>{escape(reason.code)}</b> {escape(reason.decision.value)} (score "
            f"{reason.score:.2f}, rule {escape(reason.rule)})")
    if info is None:
        return f"<li>{line}</li>"
    return (f"<li>{line}: {escape(info.summary)} <details class=\"why\"><summary>why</summary>"
            f"{escape(info.explanation)}</details></li>")


def _row(result: Result, thumbnail: Thumbnail, codes: Mapping[str, CodeInfo]) -> str:
    decision = result.decision.value
    found = sorted({f.code for f in result.findings})
    if thumbnail.jpeg is not None:
        data = base64.b64encode(thumbnail.jpeg).decode("ascii")
        picture = (f'<img class="thumb" alt="redacted thumbnail" '
                   f'src="data:image/jpeg;base64,{data}">')
    else:
        picture = ""
    note = f'<div class="note">{escape(thumbnail.note)}</div>' if thumbnail.note else ""
    reasons = "".join(_reason(r, codes.get(r.code)) for r in result.reasons)
    findings = "".join(f"<li>{escape(f.code)}: {escape(f.message)}</li>"
                       for f in result.findings)
    count = f"{len(result.findings)} finding{'' if len(result.findings) == 1 else 's'}"
    remedies = (f"<div>remedy: {escape(', '.join(result.remedies))}</div>"
                if result.remedies else "")
    return (f'<tr class="file" data-decision="{decision}" '
            f'data-category=" {" ".join(_categories(result))} " data-code=" {" ".join(found)} ">'
            f"<td>{picture}{note}</td>"
            f'<td><span class="decision {decision}">{decision}</span></td>'
            f'<td class="path">{escape(printable(result.path))}</td>'
            f"<td><ul>{reasons}</ul>{remedies}<details><summary>{count}</summary>"
            f"<ul>{findings}</ul></details></td></tr>")


SCRIPT = """
const selects = Array.from(document.querySelectorAll("select[data-filter]"));
function apply() {
  let shown = 0;
  for (const row of document.querySelectorAll("tr.file")) {
    const visible = selects.every((select) => {
      const wanted = select.value;
      if (!wanted) return true;
      const key = select.dataset.filter;
      const held = row.dataset[key];
      return key === "decision" ? held === wanted : held.includes(" " + wanted + " ");
    });
    row.hidden = !visible;
    if (visible) shown += 1;
  }
  document.getElementById("shown").textContent = String(shown);
}
for (const select of selects) select.addEventListener("change", apply);
apply();
"""

STYLE = """
body { font-family: sans-serif; margin: 1.5em; color: #222; }
table.files { border-collapse: collapse; width: 100%; }
table.files td, table.files th { border-top: 1px solid #ddd; padding: 6px; vertical-align: top;
  text-align: left; }
img.thumb { max-width: 192px; max-height: 192px; }
.note { color: #666; font-size: 12px; max-width: 192px; }
.about { color: #666; font-size: 13px; }
details.why { display: inline; color: #444; font-size: 13px; }
.decision { color: white; padding: 2px 6px; border-radius: 3px; }
.accept { background: #2e7d32; } .review { background: #ef6c00; } .reject { background: #c62828; }
.path { font-family: monospace; word-break: break-all; }
.filters label { margin-right: 1em; }
ul { margin: 0; padding-left: 1.2em; }
"""


def html_report(read: ReadResults, thumbnail_of: Callable[[Result], Thumbnail],
                codes: Mapping[str, CodeInfo], source: str) -> str:
    """The page for these results; ``thumbnail_of`` makes each file's redacted thumbnail."""
    results = sorted(read.results, key=lambda r: (-r.decision.severity, r.path))
    decided = Counter(r.decision.value for r in results)
    by_category = Counter(c for r in results for c in _categories(r))
    policies = sorted({f"{r.policy_name} {r.policy_version}" for r in results})
    summary = ", ".join(f"{decided[d]} {d}" for d in DECISIONS)
    categories = ", ".join(f"{escape(c)} {n}" for c, n in sorted(by_category.items())) or "none"
    unreadable = (f"<li>{read.unreadable} lines of the results file could not be read</li>"
                  if read.unreadable else "")
    codes_seen = sorted({f.code for r in results for f in r.findings})
    rows = "".join(_row(r, thumbnail_of(r), codes) for r in results)
    results_name = escape(printable(source))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{POLICY}">
<title>vmscreen report: {results_name}</title><style>{STYLE}</style></head>
<body>
<h1>vmscreen report</h1>
<ul>
<li>results: <span class="path">{results_name}</span>, made by vmscreen {__version__}</li>
<li>{len(results)} files: <b id="summary">{summary}</b></li>
<li>files with findings, by category: {categories}</li>
<li>policy: {escape(", ".join(policies) or "none")}</li>{unreadable}
</ul>
<h2>Decisions by category</h2>
{_chart(results)}
<h2>Files</h2>
<p class="filters">{_options("decision", DECISIONS)}
{_options("category", [c.value for c in Category if c.value in by_category])}
{_options("code", codes_seen)} <span id="shown">{len(results)}</span> shown</p>
<p class="about">Thumbnails are made from a redacted copy only: every region a finding has is
blurred or filled, and a file with a finding about people, identity data or nudity that no
region can cover has none.</p>
<table class="files"><thead><tr><th>thumbnail</th><th>decision</th><th>file</th>
<th>reasons</th></tr></thead><tbody>{rows}</tbody></table>
<script>{SCRIPT}</script>
</body></html>
"""
